/**
 * The admin REST API of the apps, {@code /api/apps}: JSON in, JSON out, errors as problem
 * details naming each invalid field. Credentials are accepted and never returned. Also the
 * app screens and their "verify URL" check, which refuses loopback and private hosts (as the
 * image fetcher does), shows no answer body and signs with a nonce no push is accepted with.
 */
package dev.kefu.apps.web;
