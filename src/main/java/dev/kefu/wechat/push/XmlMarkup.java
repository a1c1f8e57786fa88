package dev.kefu.wechat.push;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Writing XML text: CDATA sections, escaped character data, and copies of nested
 * elements.
 */
final class XmlMarkup {

	private XmlMarkup() {
	}

	/**
	 * Appends {@code value} as CDATA; a CDATA end marker inside it is split across two
	 * sections.
	 */
	static void cdata(String value, StringBuilder out) {
		out.append("<![CDATA[");
		int from = 0;
		int end;
		while ((end = value.indexOf("]]>", from)) >= 0) {
			out.append(value, from, end + 2).append("]]><![CDATA[");
			from = end + 2;
		}
		out.append(value, from, value.length()).append("]]>");
	}

	static void escapeText(CharSequence text, StringBuilder out) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				default -> out.append(c);
			}
		}
	}

	/**
	 * Copies text, dropping the indentation between nested elements (whitespace-only
	 * text).
	 */
	private static void copyText(XMLStreamReader reader, StringBuilder out) {
		if (!reader.isWhiteSpace()) {
			escapeText(reader.getText(), out);
		}
	}

	/** Copies the element the reader is on, up to and including its end tag. */
	static void copyElement(XMLStreamReader reader, StringBuilder out) throws XMLStreamException {
		int depth = 0;
		while (true) {
			switch (reader.getEventType()) {
				case XMLStreamConstants.START_ELEMENT -> {
					out.append('<').append(reader.getLocalName());
					for (int i = 0; i < reader.getAttributeCount(); i++) {
						out.append(' ').append(reader.getAttributeLocalName(i)).append("=\"");
						escapeText(reader.getAttributeValue(i), out);
						out.append('"');
					}
					out.append('>');
					depth++;
				}
				case XMLStreamConstants.END_ELEMENT -> {
					out.append("</").append(reader.getLocalName()).append('>');
					depth--;
				}
				case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
					copyText(reader, out);
				default -> {
					// comments and processing instructions are dropped
				}
			}
			if (depth == 0) {
				return;
			}
			reader.next();
		}
	}

	/** Copies everything up to (not including) the end tag of the enclosing element. */
	static void copyContent(XMLStreamReader reader, StringBuilder out) throws XMLStreamException {
		while (true) {
			switch (reader.next()) {
				case XMLStreamConstants.START_ELEMENT -> copyElement(reader, out);
				case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
					copyText(reader, out);
				case XMLStreamConstants.END_ELEMENT -> {
					return;
				}
				default -> {
				}
			}
		}
	}

}
