package dev.kefu.wechat.push;

import java.io.StringWriter;

import dev.kefu.wechat.push.PushRejectedException.Reason;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads one JSON push object with Jackson's streaming parser: no data binding, no
 * reflection. Scalars are kept as their exact source text, so a {@code MsgId} beyond
 * 2<sup>53</sup> survives digit for digit.
 */
final class JsonPushReader {

	private final JsonFactory factory;

	JsonPushReader(JsonFactory factory) {
		this.factory = factory;
	}

	void read(byte[] body, PushFields fields) throws PushRejectedException {
		try (JsonParser parser = this.factory.createParser(ObjectReadContext.empty(), body)) {
			read(parser, fields);
		}
		catch (JacksonException ex) {
			throw malformed(ex);
		}
	}

	void read(String text, PushFields fields) throws PushRejectedException {
		try (JsonParser parser = this.factory.createParser(ObjectReadContext.empty(), text)) {
			read(parser, fields);
		}
		catch (JacksonException ex) {
			throw malformed(ex);
		}
	}

	private void read(JsonParser parser, PushFields fields) throws PushRejectedException {
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			throw new PushRejectedException(Reason.MALFORMED_BODY, "JSON body is not an object");
		}
		String name;
		while ((name = parser.nextName()) != null) {
			JsonToken value = parser.nextToken();
			switch (value) {
				case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
					fields.put(name, parser.getString());
				case START_OBJECT, START_ARRAY -> fields.put(name, nested(parser));
				case VALUE_NULL -> {
					// an explicit null is the same as an absent field
				}
				default -> throw new PushRejectedException(Reason.MALFORMED_BODY, "unexpected JSON token " + value);
			}
		}
		if (parser.currentToken() != JsonToken.END_OBJECT) {
			throw new PushRejectedException(Reason.MALFORMED_BODY, "JSON object is not closed");
		}
		if (parser.nextToken() != null) {
			throw new PushRejectedException(Reason.MALFORMED_BODY, "content after the JSON object");
		}
	}

	/** A nested object or array, kept as its compact JSON text. */
	private String nested(JsonParser parser) {
		StringWriter out = new StringWriter();
		try (JsonGenerator generator = this.factory.createGenerator(ObjectWriteContext.empty(), out)) {
			generator.copyCurrentStructure(parser);
		}
		return out.toString();
	}

	private static PushRejectedException malformed(JacksonException ex) {
		// Jackson's message may quote the body; keep only the location, never the content
		String where = (ex.getLocation() != null) ? " at offset " + ex.getLocation().getCharOffset() : "";
		return new PushRejectedException(Reason.MALFORMED_BODY, "malformed or truncated JSON" + where);
	}

}
