package dev.kefu.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.ToIntFunction;

/**
 * A lean stand-in for WeChat's customer-service API on a loopback socket, for the
 * push-to-send benchmark: one app, one access token (from {@code /cgi-bin/stable_token}
 * or {@code /cgi-bin/token}), and {@code /cgi-bin/message/custom/send} answered
 * {@code errcode 0} after noting which push the send answers (its {@code touser}) the
 * moment its body has arrived.
 * <p>
 * It checks only what tells a real reply from a wrong call (the app's secret, the token,
 * a known user); {@code dev.kefu.FakeWeChat} is the strict one for tests. Plain sockets,
 * one thread per keep-alive connection and no JSON parsing keep its CPU out of kefu's
 * way.
 */
final class BenchWeChat implements AutoCloseable {

	private static final String OK = "{\"errcode\":0,\"errmsg\":\"ok\"}";

	private final ServerSocket server;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "bench-wechat");
		thread.setDaemon(true);
		return thread;
	});

	private final String appId;

	private final String secret;

	private final String token = "BENCH_ACCESS_TOKEN_" + Long.toHexString(System.nanoTime());

	private final ToIntFunction<String> pushOf;

	private final IntConsumer onReply;

	private final Consumer<String> onSend;

	private final AtomicInteger tokenFetches = new AtomicInteger();

	private final AtomicInteger strays = new AtomicInteger();

	private final AtomicInteger badCalls = new AtomicInteger();

	/**
	 * @param pushOf the index of the push a user sent, or -1 for a user no push came from
	 * @param onReply called with that index when a send to the user arrives, on a
	 * connection's thread
	 */
	BenchWeChat(String appId, String secret, ToIntFunction<String> pushOf, IntConsumer onReply) throws IOException {
		this(appId, secret, pushOf, onReply, (body) -> {
		});
	}

	/**
	 * @param onSend also called with the JSON body of each accepted send, e.g. to read a
	 * link card's URL
	 */
	BenchWeChat(String appId, String secret, ToIntFunction<String> pushOf, IntConsumer onReply, Consumer<String> onSend)
			throws IOException {
		this.appId = appId;
		this.secret = secret;
		this.pushOf = pushOf;
		this.onReply = onReply;
		this.onSend = onSend;
		this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
		this.threads.execute(this::accept);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	int tokenFetches() {
		return this.tokenFetches.get();
	}

	/** Sends to users that no push came from. */
	int strays() {
		return this.strays.get();
	}

	/** Calls with a wrong secret or token, to an unknown path, or malformed. */
	int badCalls() {
		return this.badCalls.get();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.threads.shutdownNow();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.threads.execute(() -> serve(socket));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			socket.setTcpNoDelay(true);
			InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
			OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1024);
			for (String request = line(in); request != null; request = line(in)) {
				int length = 0;
				for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
					if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
						length = Integer.parseInt(header.substring(15).trim());
					}
				}
				byte[] answer = answer(request, new String(in.readNBytes(length), StandardCharsets.UTF_8))
					.getBytes(StandardCharsets.UTF_8);
				out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: "
						+ answer.length + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.write(answer);
				out.flush();
			}
		}
		catch (IOException | RuntimeException ex) {
			// kefu closed an idle connection, or sent something this fake does not parse
		}
	}

	private String answer(String requestLine, String body) {
		String[] parts = requestLine.split(" ");
		String target = (parts.length == 3) ? parts[1] : "";
		int question = target.indexOf('?');
		String path = (question < 0) ? target : target.substring(0, question);
		String query = (question < 0) ? "" : target.substring(question + 1);
		return switch (path) {
			case "/cgi-bin/stable_token" -> token(body);
			case "/cgi-bin/token" -> token(query);
			case "/cgi-bin/message/custom/send" -> send(query, body);
			case "/cgi-bin/message/custom/typing" -> query.contains("access_token=" + this.token) ? OK : bad(40001);
			default -> bad(47001);
		};
	}

	private String token(String request) {
		if (!request.contains(this.appId) || !request.contains(this.secret)) {
			return bad(40125);
		}
		this.tokenFetches.incrementAndGet();
		return "{\"access_token\":\"" + this.token + "\",\"expires_in\":7200}";
	}

	private String send(String query, String body) {
		if (!query.contains("access_token=" + this.token)) {
			return bad(40001);
		}
		int start = body.indexOf("\"touser\":\"");
		int end = (start < 0) ? -1 : body.indexOf('"', start + 10);
		if (end < 0) {
			return bad(47001);
		}
		int push = this.pushOf.applyAsInt(body.substring(start + 10, end));
		if (push < 0) {
			this.strays.incrementAndGet();
		}
		else {
			this.onReply.accept(push);
			this.onSend.accept(body);
		}
		return OK;
	}

	private String bad(int errcode) {
		this.badCalls.incrementAndGet();
		return "{\"errcode\":" + errcode + ",\"errmsg\":\"bench fake: refused\"}";
	}

	/** One header line without its CRLF, or {@code null} at the end of the stream. */
	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder(128);
		for (int c = in.read(); c != '\n'; c = in.read()) {
			if (c == -1) {
				return null;
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

}
