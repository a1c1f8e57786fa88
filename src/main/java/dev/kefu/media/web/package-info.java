/**
 * {@code /api/apps/{appId}/assets}: upload, list, download and delete image assets; and
 * the console's asset screen {@code /apps/{appId}/assets}, which shows what uses each
 * image (as each {@link dev.kefu.media.AssetUsage} tells) and refuses to delete one in
 * use.
 */
package dev.kefu.media.web;
