package dev.kefu;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A strict stand-in for WeChat's server API on a loopback socket, for tests and the
 * benchmark: issues stable tokens per registered app, rejects stale tokens (40001),
 * checks every send body field by field, keeps uploaded media and rejects unknown or
 * expired media ids (40007). Tests script answers per user ({@link #answer},
 * {@link #refuseForGood}), slow a path down to widen a race ({@link #delay}) and read
 * what arrived. Anything malformed is answered 47001 and recorded in
 * {@link #violations()}.
 * <p>
 * This is the one fake of WeChat's API that runs beside kefu in tests; the emulator plays
 * WeChat inside kefu, and WireMock is kept for the API client's own tests, which need raw
 * faults (reset connections, empty or non-JSON answers, HTTP statuses) and byte-exact
 * requests.
 */
public final class FakeWeChat implements AutoCloseable {

	/** A send WeChat accepted. */
	public record Sent(String appId, String openId, String msgType, JsonNode object, long nanoTime) {

		public String text() {
			return this.object.path("content").asString(null);
		}

	}

	/** An uploaded temporary media file. */
	public record Upload(String appId, String mediaId, String fileName, String contentType, byte[] content) {
	}

	/** A scripted answer: an HTTP status other than 200, or a WeChat errcode. */
	public record Answer(int httpStatus, int errcode) {

		public static Answer errcode(int errcode) {
			return new Answer(200, errcode);
		}

		public static Answer http(int status) {
			return new Answer(status, 0);
		}

	}

	/**
	 * WeChat's errmsg for the errcodes kefu acts on, so that what kefu shows reads like
	 * WeChat.
	 */
	private static final Map<Integer, String> ERRMSGS = Map.of(0, "ok", 40001,
			"invalid credential, access_token is invalid or not latest", 40003, "invalid openid", 40007,
			"invalid media_id", 40013, "invalid appid", 40125, "invalid appsecret", 45015,
			"response out of time limit or subscription is canceled", 45047, "out of response count limit", 47001,
			"data format error");

	private static final Map<String, Set<String>> FIELDS = Map.of("text", Set.of("content"), "image",
			Set.of("media_id"), "link", Set.of("title", "description", "url", "thumb_url"), "miniprogrampage",
			Set.of("title", "pagepath", "thumb_media_id"));

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(32);

	private final Map<String, String> secrets = new ConcurrentHashMap<>();

	private final Map<String, String> currentToken = new ConcurrentHashMap<>();

	private final Map<String, String> tokenOwner = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> tokenFetches = new ConcurrentHashMap<>();

	private final Map<String, Upload> media = new ConcurrentHashMap<>();

	private final Map<String, Deque<Answer>> scripted = new ConcurrentHashMap<>();

	private final Map<String, Answer> refusedForGood = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> sendAttempts = new ConcurrentHashMap<>();

	private final Map<String, Long> delays = new ConcurrentHashMap<>();

	private volatile boolean anyApp;

	private final List<Sent> sent = new CopyOnWriteArrayList<>();

	private final List<Upload> uploads = new CopyOnWriteArrayList<>();

	private final List<String> typing = new CopyOnWriteArrayList<>();

	private final List<String> violations = new CopyOnWriteArrayList<>();

	private final AtomicInteger sequence = new AtomicInteger();

	private volatile Consumer<Sent> onSend = (sent) -> {
	};

	private FakeWeChat() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public static FakeWeChat start() {
		try {
			return new FakeWeChat();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Makes WeChat know an app; tokens are issued only for known app ids and secrets. */
	public void register(String appId, String secret) {
		this.secrets.put(appId, secret);
	}

	/**
	 * Issues tokens to any app id and secret, as if every app were registered: for tests
	 * of screens, whose apps are made in many ways and whose credentials are not the
	 * point.
	 */
	public void issueTokensToAnyApp() {
		this.anyApp = true;
	}

	/**
	 * Every send to a user whose openid starts with {@code openIdPrefix} gets this
	 * answer.
	 */
	public void refuseForGood(String openIdPrefix, Answer answer) {
		this.refusedForGood.put(openIdPrefix, answer);
	}

	/**
	 * Answers on this path only after {@code delay}: widens a race a test wants to
	 * provoke.
	 */
	public void delay(String path, java.time.Duration delay) {
		this.delays.put(path, delay.toMillis());
	}

	/**
	 * The next sends to this user get these answers, one each, before normal service
	 * resumes.
	 */
	public void answer(String openId, Answer... answers) {
		Deque<Answer> queue = this.scripted.computeIfAbsent(openId, (id) -> new ArrayDeque<>());
		synchronized (queue) {
			queue.addAll(List.of(answers));
		}
	}

	/** Forgets the answers still scripted for this user. */
	public void clearAnswers(String openId) {
		this.scripted.remove(openId);
	}

	/**
	 * Invalidates the app's current token, as a fetch through {@code /cgi-bin/token}
	 * elsewhere would.
	 */
	public void rotateToken(String appId) {
		String old = this.currentToken.remove(appId);
		if (old != null) {
			this.tokenOwner.remove(old);
		}
	}

	/** Forgets an uploaded media id, as WeChat does after three days. */
	public void expireMedia(String mediaId) {
		this.media.remove(mediaId);
	}

	public void onSend(Consumer<Sent> listener) {
		this.onSend = listener;
	}

	public List<Sent> sent() {
		return List.copyOf(this.sent);
	}

	public List<Sent> sentTo(String openId) {
		return this.sent.stream().filter((sent) -> sent.openId().equals(openId)).toList();
	}

	public List<Upload> uploads() {
		return List.copyOf(this.uploads);
	}

	public List<String> typingTo() {
		return List.copyOf(this.typing);
	}

	/** The well-formed sends to this user, whatever they were answered. */
	public int sendAttempts(String openId) {
		AtomicInteger count = this.sendAttempts.get(openId);
		return (count != null) ? count.get() : 0;
	}

	/** The app's current token, or {@code null} if none was issued or it was rotated. */
	public String token(String appId) {
		return this.currentToken.get(appId);
	}

	public int tokenFetches(String appId) {
		AtomicInteger count = this.tokenFetches.get(appId);
		return (count != null) ? count.get() : 0;
	}

	public List<String> violations() {
		return List.copyOf(this.violations);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = readAll(exchange.getRequestBody());
			Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
			String path = exchange.getRequestURI().getPath();
			pause(this.delays.get(path));
			Object answer = switch (path) {
				case "/cgi-bin/stable_token" -> stableToken(body);
				case "/cgi-bin/token" -> issue(query.get("appid"), query.get("secret"));
				case "/cgi-bin/message/custom/send" -> send(query, body);
				case "/cgi-bin/message/custom/typing" -> typing(query, body);
				case "/cgi-bin/media/upload" ->
					upload(query, exchange.getRequestHeaders().getFirst("Content-Type"), body);
				default -> violation("unknown path " + path);
			};
			if (answer instanceof Answer scriptedAnswer && scriptedAnswer.httpStatus() != 200) {
				exchange.sendResponseHeaders(scriptedAnswer.httpStatus(), -1);
				return;
			}
			Object payload = (answer instanceof Answer scriptedAnswer) ? error(scriptedAnswer.errcode()) : answer;
			byte[] bytes = this.json.writeValueAsBytes(payload);
			exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		catch (RuntimeException ex) {
			this.violations.add("fake failed: " + ex);
			exchange.sendResponseHeaders(500, -1);
		}
	}

	private Object stableToken(byte[] body) {
		JsonNode request = this.json.readTree(body);
		if (!"client_credential".equals(request.path("grant_type").asString(null))
				|| request.path("force_refresh").asBoolean(false)) {
			return violation("stable_token must be normal mode client_credential: " + request);
		}
		return issue(request.path("appid").asString(null), request.path("secret").asString(null));
	}

	private Object issue(String appId, String secret) {
		if (this.anyApp && appId != null && secret != null) {
			this.secrets.putIfAbsent(appId, secret);
		}
		if (appId == null || !this.secrets.containsKey(appId)) {
			return error(40013);
		}
		if (!this.secrets.get(appId).equals(secret)) {
			return error(40125);
		}
		this.tokenFetches.computeIfAbsent(appId, (id) -> new AtomicInteger()).incrementAndGet();
		String token = this.currentToken.computeIfAbsent(appId, (id) -> {
			String issued = "TOKEN-" + id + "-" + this.sequence.incrementAndGet();
			this.tokenOwner.put(issued, id);
			return issued;
		});
		return Map.of("access_token", token, "expires_in", 7200);
	}

	private Object send(Map<String, String> query, byte[] body) {
		String appId = this.tokenOwner.get(query.getOrDefault("access_token", ""));
		if (appId == null) {
			return error(40001);
		}
		JsonNode message = this.json.readTree(body);
		String openId = message.path("touser").asString("");
		String msgType = message.path("msgtype").asString("");
		Set<String> fields = FIELDS.get(msgType);
		if (openId.isEmpty() || fields == null || message.size() != 3 || !message.path(msgType).isObject()
				|| !names(message.path(msgType)).equals(fields)) {
			return violation("malformed send body " + message);
		}
		this.sendAttempts.computeIfAbsent(openId, (id) -> new AtomicInteger()).incrementAndGet();
		Answer next = nextAnswer(openId);
		if (next != null) {
			return next;
		}
		for (Map.Entry<String, Answer> refused : this.refusedForGood.entrySet()) {
			if (openId.startsWith(refused.getKey())) {
				return refused.getValue();
			}
		}
		String mediaId = message.path(msgType)
			.path(msgType.equals("image") ? "media_id" : "thumb_media_id")
			.asString(null);
		if (mediaId != null) {
			Upload upload = this.media.get(mediaId);
			if (upload == null || !upload.appId().equals(appId)) {
				return error(40007);
			}
		}
		Sent sent = new Sent(appId, openId, msgType, message.path(msgType), System.nanoTime());
		this.sent.add(sent);
		this.onSend.accept(sent);
		return error(0);
	}

	private Object typing(Map<String, String> query, byte[] body) {
		if (this.tokenOwner.get(query.getOrDefault("access_token", "")) == null) {
			return error(40001);
		}
		JsonNode request = this.json.readTree(body);
		if (!Set.of("Typing", "CancelTyping").contains(request.path("command").asString(""))) {
			return error(45072);
		}
		this.typing.add(request.path("touser").asString(""));
		return error(0);
	}

	private Object upload(Map<String, String> query, String contentType, byte[] body) {
		String appId = this.tokenOwner.get(query.getOrDefault("access_token", ""));
		if (appId == null) {
			return error(40001);
		}
		if (!"image".equals(query.get("type")) || contentType == null
				|| !contentType.startsWith("multipart/form-data; boundary=")) {
			return violation("upload must be multipart with type=image");
		}
		String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
		String raw = new String(body, StandardCharsets.ISO_8859_1);
		int headersEnd = raw.indexOf("\r\n\r\n");
		int end = raw.indexOf("\r\n--" + boundary + "--");
		if (!raw.startsWith("--" + boundary + "\r\n") || headersEnd < 0 || end < headersEnd) {
			return violation("malformed multipart body");
		}
		String headers = raw.substring(0, headersEnd);
		java.util.regex.Matcher disposition = java.util.regex.Pattern
			.compile("Content-Disposition: form-data; name=\"media\"; filename=\"([^\"]+)\"")
			.matcher(headers);
		java.util.regex.Matcher partType = java.util.regex.Pattern.compile("Content-Type: (\\S+)").matcher(headers);
		if (!disposition.find() || !partType.find()) {
			return violation("upload needs part media with filename and Content-Type: " + headers);
		}
		byte[] content = java.util.Arrays.copyOfRange(body, headersEnd + 4, end);
		String mediaId = "MEDIA-" + this.sequence.incrementAndGet();
		Upload upload = new Upload(appId, mediaId, disposition.group(1), partType.group(1), content);
		this.media.put(mediaId, upload);
		this.uploads.add(upload);
		return Map.of("type", "image", "media_id", mediaId, "created_at", Instant.now().getEpochSecond());
	}

	private Answer nextAnswer(String openId) {
		Deque<Answer> answers = this.scripted.get(openId);
		if (answers == null) {
			return null;
		}
		synchronized (answers) {
			return answers.pollFirst();
		}
	}

	private Object violation(String what) {
		this.violations.add(what);
		return error(47001);
	}

	private static Map<String, Object> error(int errcode) {
		return Map.of("errcode", errcode, "errmsg", ERRMSGS.getOrDefault(errcode, "fake error " + errcode));
	}

	private static Set<String> names(JsonNode object) {
		Set<String> names = new java.util.HashSet<>();
		object.propertyNames().forEach(names::add);
		return names;
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new HashMap<>();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
		}
		return query;
	}

	private static void pause(Long millis) {
		if (millis == null) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		return in.readAllBytes();
	}

}
