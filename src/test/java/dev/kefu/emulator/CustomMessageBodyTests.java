package dev.kefu.emulator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CustomMessageBodyTests {

	@ParameterizedTest(name = "{0} → {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			`"\\u4f60"`       | true
			`"\\u00e9"`       | true
			`"\\u0041"`       | false
			`"\\\\u4f60"`     | false
			`"\\\\\\u4f60"`   | true
			`"你"`            | false
			`"\\n\\t"`        | false
			`"\\u12"`         | false
			""")
	void findsNonAsciiEscapesOnly(String json, boolean escapes) {
		assertThat(CustomMessageBody.escapesNonAscii(json)).isEqualTo(escapes);
	}

}
