package dev.kefu.inbox;

import dev.kefu.wechat.push.PushRejectedException;
import dev.kefu.wechat.push.PushRejectedException.Reason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

@ExtendWith(OutputCaptureExtension.class)
class CallbackEndpointTests {

	private final PushReceiver receiver = mock(PushReceiver.class);

	private final CallbackEndpoint endpoint = new CallbackEndpoint(this.receiver, mock(PushJournal.class),
			mock(ReplayCache.class), new StaticListableBeanFactory().getBeanProvider(TransferOrder.class),
			new SimpleMeterRegistry());

	private static MockHttpServletRequest request(String method, String uri) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
		request.setQueryString("signature=x&timestamp=1&nonce=n&echostr=e");
		return request;
	}

	@Test
	void takesAppIdsOfWxAndSixteenHexDigitsTheSandboxsIncluded() {
		assertThat(CallbackEndpoint.appId(request("POST", "/wechat/wx0123456789abcdef")))
			.isEqualTo("wx0123456789abcdef");
		assertThat(CallbackEndpoint.appId(request("POST", "/wechat/wxB0075742A9B0075A")))
			.isEqualTo("wxB0075742A9B0075A");
		assertThat(CallbackEndpoint.appId(request("POST", "/other/wx0123456789abcdef"))).isNull();
		assertThat(CallbackEndpoint.appId(request("POST", "/wechat/wx0123456789abcdef/deeper"))).isNull();
	}

	@Test
	void marksEveryOtherSegmentMalformed() {
		for (String id : new String[] { "wx0123456789abcde", "wx0123456789abcdef0", "wx0123456789abcdeg",
				"xw0123456789abcdef", "wx%0aINFO-forged-line", "%77x0123456789abcdef", "wx0123456789abcd%0a" }) {
			assertThat(CallbackEndpoint.appId(request("POST", "/wechat/" + id))).as(id)
				.isSameAs(CallbackEndpoint.MALFORMED);
		}
	}

	@Test
	void refusesAMalformedAppIdWith400WithoutLoggingIt(CapturedOutput output) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.endpoint.doFilter(request("POST", "/wechat/wx%0a2026-01-01%20INFO%20forged"), response,
				new MockFilterChain());

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).contains("malformed app id");
		assertThat(output).doesNotContain("forged");
	}

	@Test
	void logsUnknownAppRefusalsOnlyAtDebug(CapturedOutput output) throws Exception {
		when(this.receiver.verifyUrl(anyString(), any(), any(), any(), any()))
			.thenThrow(new PushRejectedException(Reason.UNKNOWN_APP, "no such app"));
		for (int i = 0; i < 500; i++) {
			MockHttpServletResponse response = new MockHttpServletResponse();
			this.endpoint.doFilter(request("GET", "/wechat/wx0123456789abcdef"), response, new MockFilterChain());
			assertThat(response.getStatus()).isEqualTo(404);
		}
		assertThat(output).doesNotContain("wx0123456789abcdef");
	}

	@Test
	void logsOtherRefusalsAtMostOnceASecond(CapturedOutput output) throws Exception {
		when(this.receiver.verifyUrl(anyString(), any(), any(), any(), any()))
			.thenThrow(new PushRejectedException(Reason.BAD_SIGNATURE, "signature does not match\nINFO forged"));
		for (int i = 0; i < 500; i++) {
			this.endpoint.doFilter(request("GET", "/wechat/wx0123456789abcdef"), new MockHttpServletResponse(),
					new MockFilterChain());
		}
		assertThat(output.toString().split("Refused URL check", -1).length - 1).isLessThanOrEqualTo(2);
		assertThat(output).doesNotContain("\nINFO forged");
	}

	@Test
	void escapesControlCharactersForTheLog() {
		assertThat(CallbackEndpoint.printable("a\r\nb\u0000c\u2028")).isEqualTo("a\\u000d\\u000ab\\u0000c\\u2028");
		String plain = "no control characters";
		assertThat(CallbackEndpoint.printable(plain)).isSameAs(plain);
	}

}
