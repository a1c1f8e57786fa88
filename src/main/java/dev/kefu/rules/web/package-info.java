/**
 * {@code /api/apps/{appId}/rules} and {@code /api/apps/{appId}/decisions}: the rules REST API,
 * its import and export, the version history, and the decisions stored with messages.
 */
package dev.kefu.rules.web;
