package dev.kefu.wechat.push;

import java.io.ByteArrayInputStream;
import java.io.StringReader;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.kefu.wechat.push.PushRejectedException.Reason;

/**
 * Reads one {@code <xml>…</xml>} push with a StAX pull parser. DTD support is off, so no
 * entity is ever declared or expanded, and a DOCTYPE anywhere is refused outright: no XXE,
 * no billion laughs. The root element's name is not checked; its child elements are the
 * fields. Text and CDATA are concatenated as they come (whitespace kept inside a field); a
 * child that itself has elements is kept as its inner markup.
 */
final class XmlPushReader {

	private final XMLInputFactory factory;

	XmlPushReader() {
		this.factory = XMLInputFactory.newFactory();
		// "javax.xml.stream.supportDTD": a DOCTYPE is reported as an event but never processed
		this.factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		this.factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		this.factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
	}

	void read(byte[] body, PushFields fields) throws PushRejectedException {
		XMLStreamReader reader = null;
		try {
			reader = this.factory.createXMLStreamReader(new ByteArrayInputStream(body));
			read(reader, fields);
		}
		catch (XMLStreamException | RuntimeException ex) {
			throw malformed(ex, reader);
		}
		finally {
			close(reader);
		}
	}

	void read(String text, PushFields fields) throws PushRejectedException {
		XMLStreamReader reader = null;
		try {
			reader = this.factory.createXMLStreamReader(new StringReader(text));
			read(reader, fields);
		}
		catch (XMLStreamException | RuntimeException ex) {
			throw malformed(ex, reader);
		}
		finally {
			close(reader);
		}
	}

	private static void read(XMLStreamReader reader, PushFields fields)
			throws XMLStreamException, PushRejectedException {
		int event = reader.getEventType();
		while (event != XMLStreamConstants.START_ELEMENT) {
			refuseDoctype(event);
			if (event == XMLStreamConstants.END_DOCUMENT) {
				throw new PushRejectedException(Reason.MALFORMED_BODY, "XML body has no root element");
			}
			event = reader.next();
		}
		while ((event = reader.next()) != XMLStreamConstants.END_ELEMENT) {
			if (event == XMLStreamConstants.START_ELEMENT) {
				String name = reader.getLocalName();
				fields.put(name, value(reader));
			}
			// text, comments and processing instructions directly inside the root are ignored
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
					XmlMarkup.escapeText((more != null) ? more : (first != null) ? first : "", markup);
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

	private static PushRejectedException malformed(Exception ex, XMLStreamReader reader) {
		if (reader == null || reader.getEventType() == XMLStreamConstants.START_DOCUMENT) {
			// a parser may fail inside a DOCTYPE before reporting it as an event
			String message = String.valueOf(ex.getMessage());
			if (message.contains("DOCTYPE") || message.contains("DTD")) {
				return new PushRejectedException(Reason.DOCTYPE, "XML body declares a DOCTYPE");
			}
		}
		// the parser's message may quote the body; keep only the location, never the content
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
