package dev.kefu.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import dev.kefu.PublicAddresses;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kefu.media.AssetRejectedException.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF-safe fetch against a real HTTP server on this machine. */
class ImageFetcherIntegrationTests {

	private static final byte[] PNG = png(1000);

	private static final AtomicInteger requests = new AtomicInteger();

	private static HttpServer server;

	private static String base;

	@BeforeAll
	static void startServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		int port = server.getAddress().getPort();
		base = "http://127.0.0.1:" + port;
		server.createContext("/x.png", (exchange) -> send(exchange, 200, PNG, false));
		server.createContext("/chunked.png", (exchange) -> send(exchange, 200, PNG, true));
		server.createContext("/big.png", (exchange) -> send(exchange, 200, png(Assets.MAX_SIZE + 1), false));
		server.createContext("/big-chunked.png", (exchange) -> send(exchange, 200, png(Assets.MAX_SIZE + 1), true));
		server.createContext("/missing.png", (exchange) -> send(exchange, 404, new byte[0], false));
		server.createContext("/to-x", (exchange) -> redirect(exchange, "/x.png"));
		server.createContext("/to-private", (exchange) -> redirect(exchange, "http://127.0.0.2:" + port + "/x.png"));
		server.createContext("/to-file", (exchange) -> redirect(exchange, "file:///etc/passwd"));
		server.createContext("/loop", (exchange) -> redirect(exchange, "/loop"));
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop(0);
	}

	@BeforeEach
	void resetCount() {
		requests.set(0);
	}

	@Test
	void fetchesAnImageWhenPrivateNetworksAreAllowed() {
		ImageFetcher fetcher = new ImageFetcher(true, Duration.ofSeconds(10));

		assertThat(fetcher.fetch(URI.create(base + "/x.png"))).isEqualTo(PNG);
		assertThat(fetcher.fetch(URI.create(base + "/chunked.png"))).isEqualTo(PNG);
		assertThat(fetcher.fetch(URI.create(base + "/to-x"))).isEqualTo(PNG);
	}

	@Test
	void refusesLoopbackWithoutConnecting() {
		refused(new ImageFetcher(false, Duration.ofSeconds(10)), base + "/x.png", Reason.PRIVATE_ADDRESS);
		refused(new ImageFetcher(false, Duration.ofSeconds(10)), base.replace("127.0.0.1", "localhost") + "/x.png",
				Reason.PRIVATE_ADDRESS);
		assertThat(requests).hasValue(0);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "http://[::1]:%d/x.png", "http://[::ffff:127.0.0.1]:%d/x.png", "http://2130706433:%d/x.png",
					"http://127.1:%d/x.png", "http://0x7f.0.0.1:%d/x.png", "http://127.000.000.001:%d/x.png" })
	void refusesLoopbackHoweverItIsSpelledWithoutConnecting(String url) {
		String local = url.formatted(server.getAddress().getPort());
		assertThatExceptionOfType(AssetRejectedException.class)
			.isThrownBy(() -> new ImageFetcher(false, Duration.ofSeconds(10)).fetch(URI.create(local)));
		assertThat(requests).hasValue(0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://10.0.0.1/x.png", "http://192.168.1.20:8080/x.png", "http://169.254.169.254/latest",
			"https://[::1]/x.png", "http://[fd00::5]/x.png", "http://0.0.0.0/x.png" })
	void refusesPrivateAddresses(String url) {
		refused(new ImageFetcher(false, Duration.ofSeconds(10)), url, Reason.PRIVATE_ADDRESS);
	}

	@Test
	void refusesAHostNameThatResolvesToAPrivateAddress() throws IOException {
		InetAddress[] mixed = { InetAddress.getByName("93.184.216.34"), InetAddress.getByName("192.168.0.10") };
		ImageFetcher fetcher = new ImageFetcher(PublicAddresses::isPublic, (host) -> mixed, Duration.ofSeconds(10));

		refused(fetcher, "https://images.example.com/x.png", Reason.PRIVATE_ADDRESS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://example.com/x.png", "file:///etc/passwd", "gopher://example.com/", "/x.png",
			"http://user:secret@example.com/x.png" })
	void refusesWhatIsNotPlainHttp(String url) {
		refused(new ImageFetcher(true, Duration.ofSeconds(10)), url, Reason.NOT_HTTP);
	}

	@Test
	void rechecksEveryRedirect() throws IOException {
		InetAddress checked = InetAddress.getByName("127.0.0.1");
		ImageFetcher fetcher = new ImageFetcher(checked::equals, InetAddress::getAllByName, Duration.ofSeconds(10));

		assertThat(fetcher.fetch(URI.create(base + "/to-x"))).isEqualTo(PNG);
		refused(fetcher, base + "/to-private", Reason.PRIVATE_ADDRESS);
		refused(fetcher, base + "/to-file", Reason.NOT_HTTP);
	}

	@Test
	void refusesTooLargeBodies() {
		ImageFetcher fetcher = new ImageFetcher(true, Duration.ofSeconds(10));

		refused(fetcher, base + "/big.png", Reason.TOO_LARGE);
		refused(fetcher, base + "/big-chunked.png", Reason.TOO_LARGE);
	}

	@Test
	void reportsFailedFetches() {
		ImageFetcher fetcher = new ImageFetcher(true, Duration.ofSeconds(10));

		refused(fetcher, base + "/missing.png", Reason.FETCH_FAILED);
		refused(fetcher, base + "/loop", Reason.FETCH_FAILED);
		refused(fetcher, "http://no-such-host.invalid/x.png", Reason.FETCH_FAILED);
	}

	private static void refused(ImageFetcher fetcher, String url, Reason reason) {
		assertThatExceptionOfType(AssetRejectedException.class).isThrownBy(() -> fetcher.fetch(URI.create(url)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	private static void send(HttpExchange exchange, int status, byte[] body, boolean chunked) throws IOException {
		requests.incrementAndGet();
		exchange.getResponseHeaders().set("Content-Type", "image/png");
		exchange.sendResponseHeaders(status, chunked ? 0 : ((body.length == 0) ? -1 : body.length));
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static void redirect(HttpExchange exchange, String location) throws IOException {
		requests.incrementAndGet();
		exchange.getResponseHeaders().set("Location", location);
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

	private static byte[] png(int size) {
		byte[] bytes = new byte[size];
		Arrays.fill(bytes, (byte) 7);
		System.arraycopy(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }, 0, bytes, 0, 8);
		return bytes;
	}

}
