package dev.kefu.outbox;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.kefu.rules.Reply;

import org.springframework.boot.jackson.JacksonMixin;

/**
 * Lets the event publication registry read a {@link Reply} back: {@code ReplyPlanned} is stored
 * as JSON until the outbox has consumed it, and is deserialised again when an instance
 * restarts with it outstanding. The type names are those of the rules' JSON shape. Belongs
 * with {@link Reply} itself; kept here until the rules module carries it.
 */
@JacksonMixin(Reply.class)
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = Reply.Text.class, name = "text"),
		@JsonSubTypes.Type(value = Reply.Link.class, name = "link"),
		@JsonSubTypes.Type(value = Reply.Image.class, name = "image"),
		@JsonSubTypes.Type(value = Reply.MiniProgramPage.class, name = "miniprogrampage") })
interface ReplyJsonMixin {
}
