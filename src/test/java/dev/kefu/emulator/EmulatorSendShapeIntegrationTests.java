package dev.kefu.emulator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body checks of the emulated send API (wechat-protocol.md §7): each malformed body
 * gets WeChat's error code. The OpenID is checked after the body, so an unknown user is
 * enough here.
 */
class EmulatorSendShapeIntegrationTests extends EmulatorIntegrationTestSupport {

	@ParameterizedTest(name = "{0} → {2}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					not JSON                      | `{"touser":`                                                                        | 47001
					a JSON array                  | `[]`                                                                                | 47001
					no msgtype                    | `{"touser":"oX","text":{"content":"hi"}}`                                           | 40008
					an unknown msgtype            | `{"touser":"oX","msgtype":"voice","voice":{"media_id":"m"}}`                        | 40008
					a second message object       | `{"touser":"oX","msgtype":"text","text":{"content":"hi"},"image":{"media_id":"m"}}` | 47001
					an unknown top-level field    | `{"touser":"oX","msgtype":"text","text":{"content":"hi"},"kf_account":"a"}`         | 47001
					no object for the msgtype     | `{"touser":"oX","msgtype":"text"}`                                                  | 47001
					text without content          | `{"touser":"oX","msgtype":"text","text":{}}`                                        | 47001
					text content not a string     | `{"touser":"oX","msgtype":"text","text":{"content":1}}`                             | 47001
					empty text                    | `{"touser":"oX","msgtype":"text","text":{"content":" "}}`                           | 44004
					non-ASCII as \\u escapes      | `{"touser":"oX","msgtype":"text","text":{"content":"\\u4f60\\u597d"}}`              | 40033
					image without media_id        | `{"touser":"oX","msgtype":"image","image":{}}`                                      | 47001
					link without url              | `{"touser":"oX","msgtype":"link","link":{"title":"t"}}`                             | 47001
					card without thumb_media_id   | `{"touser":"oX","msgtype":"miniprogrampage","miniprogrampage":{"title":"t","pagepath":"p"}}` | 47001
					no touser                     | `{"msgtype":"text","text":{"content":"hi"}}`                                        | 40003
					an unknown touser             | `{"touser":"oX","msgtype":"text","text":{"content":"hi"}}`                          | 40003
					""")
	void refusesAMalformedBody(String what, String body, int expected) {
		String token = accessToken(registerApp());
		assertThat(errcode(send(token, body))).as(what).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} → {2}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			an escaped backslash before u | `{"touser":"oX","msgtype":"text","text":{"content":"C:\\\\u4f60"}}` | 40003
			an ASCII escape               | `{"touser":"oX","msgtype":"text","text":{"content":"\\u0041"}}`   | 40003
			raw UTF-8                     | `{"touser":"oX","msgtype":"text","text":{"content":"你好"}}`         | 40003
			""")
	void acceptsBodiesWithoutNonAsciiEscapes(String what, String body, int expected) {
		String token = accessToken(registerApp());
		assertThat(errcode(send(token, body))).as(what).isEqualTo(expected);
	}

}
