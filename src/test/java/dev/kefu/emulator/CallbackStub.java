package dev.kefu.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.kefu.wechat.push.PushCipher;
import dev.kefu.wechat.push.PushCodec;
import dev.kefu.wechat.push.PushEnvelope;
import dev.kefu.wechat.push.PushFormat;
import dev.kefu.wechat.push.PushMessage;
import dev.kefu.wechat.push.PushRejectedException;
import dev.kefu.wechat.push.PushSignature;

/**
 * A developer's server as the emulator sees it, on a real socket: it checks each push the
 * way a receiver must (signature, msg_signature, decryption with the app id check) with
 * {@code wechat.push}, records what it got and answers what the test says.
 */
final class CallbackStub implements AutoCloseable {

	static final String TOKEN = "testtoken";

	static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	/** One push as received and checked. */
	record Received(String method, Map<String, String> query, String contentType, String body, boolean signatureOk,
			boolean msgSignatureOk, PushEnvelope envelope, PushMessage message) {
	}

	/** The answer: status and body; status 0 drops the connection without answering. */
	record Answer(int status, String body) {

		static Answer success() {
			return new Answer(200, "success");
		}

	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final PushCodec codec = new PushCodec();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final String appId;

	private volatile Function<Received, Answer> answers = (received) -> Answer.success();

	CallbackStub(String appId) throws IOException {
		this.appId = appId;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/callback", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/callback";
	}

	void answer(Function<Received, Answer> answers) {
		this.answers = answers;
	}

	List<Received> received() {
		return this.received;
	}

	Received last() {
		return this.received.get(this.received.size() - 1);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
			byte[] body = in.readAllBytes();
			Received push = check(exchange.getRequestMethod(), query,
					exchange.getRequestHeaders().getFirst("Content-Type"), body);
			this.received.add(push);
			Answer answer = this.answers.apply(push);
			if (answer.status() == 0) {
				return; // close without a response: the sender sees a broken connection
			}
			byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(answer.status(), (bytes.length == 0) ? -1 : bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	private Received check(String method, Map<String, String> query, String contentType, byte[] body) {
		boolean signatureOk = PushSignature.verify(query.get("signature"), TOKEN, query.getOrDefault("timestamp", ""),
				query.getOrDefault("nonce", ""));
		if (!"POST".equals(method)) {
			return new Received(method, query, contentType, "", signatureOk, false, null, null);
		}
		try {
			PushFormat format = PushFormat.sniff(body);
			PushEnvelope envelope = this.codec.readEnvelope(body, format);
			boolean msgSignatureOk = false;
			PushMessage message = envelope.plaintext();
			if (envelope.encrypted()) {
				msgSignatureOk = PushSignature.verify(query.get("msg_signature"), TOKEN, query.get("timestamp"),
						query.get("nonce"), envelope.encrypt());
				message = this.codec
					.decode(new PushCipher(this.appId, AES_KEY, null).decrypt(envelope.encrypt()).plaintext(), format);
			}
			return new Received(method, query, contentType, new String(body, StandardCharsets.UTF_8), signatureOk,
					msgSignatureOk, envelope, message);
		}
		catch (PushRejectedException ex) {
			throw new IllegalStateException("the emulator pushed something a receiver must refuse: " + ex.reason(), ex);
		}
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new LinkedHashMap<>();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				int equals = pair.indexOf('=');
				query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return query;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
