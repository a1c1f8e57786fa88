/**
 * {@code /api/apps/{appId}/assets}: upload, list, download and delete image assets.
 */
package dev.kefu.media.web;
