package dev.kefu.console;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which page a sign-in leads back to after a session ended: always one of this server's
 * pages.
 */
class ExpiredSessionsTests {

	private static MockHttpServletRequest request(String method, String uri) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
		request.addHeader("Accept", "text/html,application/xhtml+xml");
		return request;
	}

	@Test
	void returnsToThePageAskedFor() {
		MockHttpServletRequest request = request("GET", "/apps/wx0123456789abcdef/rules");
		request.setQueryString("q=1");
		assertThat(ExpiredSessions.returnTo(request)).hasValue("/apps/wx0123456789abcdef/rules?q=1");
	}

	@Test
	void returnsToThePageThatPostedAForm() {
		MockHttpServletRequest request = request("POST", "/apps/wx0123456789abcdef/rules/r-1");
		request.addHeader("Referer", "http://localhost:8080/apps/wx0123456789abcdef/rules/r-1");
		assertThat(ExpiredSessions.returnTo(request)).hasValue("/apps/wx0123456789abcdef/rules/r-1");
	}

	@Test
	void returnsToThePageBehindAnHtmxRequest() {
		MockHttpServletRequest request = request("POST", "/apps/wx0123456789abcdef/rules/preview");
		request.addHeader("HX-Request", "true");
		request.addHeader("HX-Current-URL", "http://localhost:8080/apps/wx0123456789abcdef/rules/new?keyword=1");
		assertThat(ExpiredSessions.returnTo(request)).hasValue("/apps/wx0123456789abcdef/rules/new?keyword=1");
	}

	@Test
	void keepsOnlyThePathOfAnotherSitesAddress() {
		MockHttpServletRequest request = request("POST", "/account/password");
		request.addHeader("Referer", "https://elsewhere.example/account/password");
		assertThat(ExpiredSessions.returnTo(request)).hasValue("/account/password");
	}

	@Test
	void neverReturnsToAnAddressThatCouldLeaveTheServer() {
		for (String referer : new String[] { "https://elsewhere.example//elsewhere.example/x", "/\\elsewhere.example",
				"not a url at all" }) {
			MockHttpServletRequest request = request("POST", "/x");
			request.addHeader("Referer", referer);
			assertThat(ExpiredSessions.returnTo(request)).as(referer).isEmpty();
		}
	}

	@Test
	void neverReturnsToSignInOrAnImage() {
		MockHttpServletRequest login = request("POST", "/logout");
		login.addHeader("Referer", "http://localhost/login?error");
		assertThat(ExpiredSessions.returnTo(login)).isEmpty();
		MockHttpServletRequest image = new MockHttpServletRequest("GET", "/apps/wx0123456789abcdef/assets/a/image");
		image.addHeader("Accept", "image/avif,image/webp,*/*");
		assertThat(ExpiredSessions.returnTo(image)).isEmpty();
	}

}
