package dev.kefu.outbox;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.kefu.rules.Reply;

import org.springframework.boot.jackson.JacksonMixin;

/**
 * Gives {@link Reply} its type names (those of the rules' JSON shape) in the application's JSON
 * mapper. It was written for the event publication registry, which stored {@code ReplyPlanned}
 * as JSON; since the outbox consumes {@code ReplyPlanned} synchronously in the transaction that
 * records the push, the registry no longer does. Belongs with {@link Reply} itself, or goes
 * once nothing else writes a {@link Reply} through that mapper.
 */
@JacksonMixin(Reply.class)
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = Reply.Text.class, name = "text"),
		@JsonSubTypes.Type(value = Reply.Link.class, name = "link"),
		@JsonSubTypes.Type(value = Reply.Image.class, name = "image"),
		@JsonSubTypes.Type(value = Reply.MiniProgramPage.class, name = "miniprogrampage") })
interface ReplyJsonMixin {
}
