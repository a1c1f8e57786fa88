package dev.kefu.wechat.api;

import java.time.Instant;

/**
 * A temporary media file as uploadTempMedia answered it.
 *
 * @param mediaId the media_id to send; WeChat keeps it for three days
 * @param createdAt when WeChat created it, or {@code null} if it did not say
 */
public record TempMedia(String mediaId, Instant createdAt) {
}
