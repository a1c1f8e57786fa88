/**
 * The admin REST API of the apps, {@code /api/apps}: JSON in, JSON out, errors as problem
 * details naming each invalid field. Credentials are accepted and never returned.
 */
package dev.kefu.apps.web;
