/**
 * The outbox's REST API under {@code /api/apps/{appId}/deliveries}: list deliveries by
 * status and user, retry a FAILED one. Errors are problem details.
 */
package dev.kefu.outbox.web;
