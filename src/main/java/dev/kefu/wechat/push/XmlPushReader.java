package dev.kefu.wechat.push;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.kefu.wechat.push.PushRejectedException.Reason;

/**
 * Reads one {@code <xml>…</xml>} push with a StAX pull parser. DTD support is off, so no
 * entity is ever declared or expanded, and a DOCTYPE anywhere is refused outright: no
 * XXE, no billion laughs. The root element's name is not checked; its child elements are
 * the fields. Text and CDATA are concatenated as they come (whitespace kept inside a
 * field); a child that itself has elements is kept as its inner markup.
 */
final class XmlPushReader {

	private final XMLInputFactory factory;

	XmlPushReader() {
		this.factory = XMLInputFactory.newFactory();
		// "javax.xml.stream.supportDTD": a DOCTYPE is reported as an event but never
		// processed
		this.factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		this.factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		this.factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
	}

	void read(byte[] body, PushFields fields) throws PushRejectedException {
		XMLStreamReader reader = null;
		boolean inProlog = true;
		try {
			reader = this.factory.createXMLStreamReader(new ByteArrayInputStream(body));
			skipProlog(reader);
			inProlog = false;
			readFields(reader, fields);
		}
		catch (XMLStreamException | RuntimeException ex) {
			throw rejection(ex, inProlog && containsDoctype(new String(body, StandardCharsets.ISO_8859_1)));
		}
		finally {
			close(reader);
		}
	}

	void read(String text, PushFields fields) throws PushRejectedException {
		XMLStreamReader reader = null;
		boolean inProlog = true;
		try {
			reader = this.factory.createXMLStreamReader(new StringReader(text));
			skipProlog(reader);
			inProlog = false;
			readFields(reader, fields);
		}
		catch (XMLStreamException | RuntimeException ex) {
			throw rejection(ex, inProlog && containsDoctype(text));
		}
		finally {
			close(reader);
		}
	}

	/** Moves to the root element, refusing a DOCTYPE on the way. */
	private static void skipProlog(XMLStreamReader reader) throws XMLStreamException, PushRejectedException {
		int event = reader.getEventType();
		while (event != XMLStreamConstants.START_ELEMENT) {
			refuseDoctype(event);
			if (event == XMLStreamConstants.END_DOCUMENT) {
				throw new PushRejectedException(Reason.MALFORMED_BODY, "XML body has no root element");
			}
			event = reader.next();
		}
	}

	private static void readFields(XMLStreamReader reader, PushFields fields)
			throws XMLStreamException, PushRejectedException {
		int event;
		while ((event = reader.next()) != XMLStreamConstants.END_ELEMENT) {
			if (event == XMLStreamConstants.START_ELEMENT) {
				String name = reader.getLocalName();
				fields.put(name, value(reader));
			}
			// text, comments and processing instructions directly inside the root are
			// ignored
		}
		while (reader.hasNext()) {
			refuseDoctype(reader.next());
		}
	}

	/** The content of the current element, leaving the reader on its end tag. */
	private static String value(XMLStreamReader reader) throws XMLStreamException {
		String first = null;
		StringBuilder more = null;
		while (true) {
			switch (reader.next()) {
				case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
					if (first == null) {
						first = reader.getText();
					}
					else {
						if (more == null) {
							more = new StringBuilder(first);
						}
						more.append(reader.getText());
					}
				}
				case XMLStreamConstants.START_ELEMENT -> {
					StringBuilder markup = new StringBuilder();
					CharSequence before = (more != null) ? more : (first != null) ? first : "";
					if (!before.toString().isBlank()) {
						XmlMarkup.escapeText(before, markup);
					}
					XmlMarkup.copyElement(reader, markup);
					XmlMarkup.copyContent(reader, markup);
					return markup.toString();
				}
				case XMLStreamConstants.END_ELEMENT -> {
					return (more != null) ? more.toString() : (first != null) ? first : "";
				}
				default -> {
					// comments and processing instructions inside a field carry no value
				}
			}
		}
	}

	private static void refuseDoctype(int event) throws PushRejectedException {
		if (event == XMLStreamConstants.DTD) {
			throw new PushRejectedException(Reason.DOCTYPE, "XML body declares a DOCTYPE");
		}
	}

	/**
	 * A parser may fail inside a DOCTYPE before it reports one (say, a truncated internal
	 * subset): a failure before the root element of a body containing a DOCTYPE is a
	 * DOCTYPE.
	 */
	private static boolean containsDoctype(String text) {
		return text.contains("<!DOCTYPE");
	}

	private static PushRejectedException rejection(Exception ex, boolean doctype) {
		if (doctype) {
			return new PushRejectedException(Reason.DOCTYPE, "XML body declares a DOCTYPE");
		}
		// the parser's message may quote the body; keep only the location, never the
		// content
		String where = (ex instanceof XMLStreamException xml && xml.getLocation() != null)
				? " at line " + xml.getLocation().getLineNumber() + ", column " + xml.getLocation().getColumnNumber()
				: "";
		return new PushRejectedException(Reason.MALFORMED_BODY, "malformed or truncated XML" + where);
	}

	private static void close(XMLStreamReader reader) {
		if (reader != null) {
			try {
				reader.close();
			}
			catch (XMLStreamException ex) {
				// nothing is held open: the input is in memory
			}
		}
	}

}
