package dev.kefu.wechat.api;

/** Where an app's access tokens come from. */
enum TokenEndpoint {

	/**
	 * {@code POST /cgi-bin/stable_token} in normal mode: repeated calls return the same
	 * token while it is valid, so instances cannot invalidate each other's tokens.
	 */
	STABLE,
	/**
	 * {@code GET /cgi-bin/token}: every fetch invalidates the previous token after 5
	 * minutes.
	 */
	CLASSIC

}
