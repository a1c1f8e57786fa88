package dev.kefu.media;

import java.time.Instant;

/**
 * An operator's image, stored in kefu's database.
 *
 * @param id application-generated id
 * @param appId the app it belongs to
 * @param fileName the name it was uploaded or fetched under
 * @param contentType {@code image/png}, {@code image/jpeg} or {@code image/gif}, as its
 * content shows (never as a client claimed)
 * @param size in bytes, at most {@link Assets#MAX_SIZE}
 * @param createdAt when it was stored
 */
public record Asset(String id, String appId, String fileName, String contentType, long size, Instant createdAt) {
}
