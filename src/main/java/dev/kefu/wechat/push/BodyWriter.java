package dev.kefu.wechat.push;

import java.io.StringWriter;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes one flat body, field by field, as WeChat does: XML with text in CDATA and
 * integers bare, or a compact JSON object with integers as numbers. Not thread-safe; one
 * per body.
 */
abstract sealed class BodyWriter implements PushFields.Sink {

	static BodyWriter of(PushFormat format, JsonFactory json) {
		return switch (format) {
			case XML -> new Xml();
			case JSON -> new Json(json);
		};
	}

	/** Closes the body and returns its text. */
	abstract String finish();

	static final class Xml extends BodyWriter {

		private final StringBuilder out = new StringBuilder(256).append("<xml>\n");

		@Override
		public void text(String name, String value) {
			this.out.append('<').append(name).append('>');
			XmlMarkup.cdata(value, this.out);
			this.out.append("</").append(name).append(">\n");
		}

		@Override
		public void integer(String name, String digits) {
			this.out.append('<').append(name).append('>').append(digits).append("</").append(name).append(">\n");
		}

		@Override
		String finish() {
			return this.out.append("</xml>").toString();
		}

	}

	static final class Json extends BodyWriter {

		private final StringWriter out = new StringWriter(256);

		private final JsonGenerator generator;

		Json(JsonFactory factory) {
			this.generator = factory.createGenerator(ObjectWriteContext.empty(), this.out);
			this.generator.writeStartObject();
		}

		@Override
		public void text(String name, String value) {
			this.generator.writeName(name);
			this.generator.writeString(value);
		}

		@Override
		public void integer(String name, String digits) {
			this.generator.writeName(name);
			this.generator.writeNumber(digits);
		}

		@Override
		String finish() {
			this.generator.writeEndObject();
			this.generator.close();
			return this.out.toString();
		}

	}

}
