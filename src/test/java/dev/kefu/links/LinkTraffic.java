package dev.kefu.links;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import dev.kefu.FakeWeChat;
import dev.kefu.KefuInstances;
import dev.kefu.inbox.MessageReceived;
import dev.kefu.rules.MatchMode;
import dev.kefu.rules.ReplyMode;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.RuleDocument.KeywordItem;
import dev.kefu.rules.RuleDocument.ReplyItem;
import dev.kefu.rules.Trigger;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Traffic through a whole kefu instance ({@link KefuInstances}) that answers through a
 * {@link FakeWeChat}: apps with a tracked download link on "1", users who ask for it, and
 * taps on the short URLs they get, with the User-Agent of a phone.
 */
final class LinkTraffic {

	static final String TARGET = "https://example.com/app?channel=kefu";

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final ConfigurableApplicationContext kefu;

	private final FakeWeChat wechat;

	LinkTraffic(ConfigurableApplicationContext kefu, FakeWeChat wechat) {
		this.kefu = kefu;
		this.wechat = wechat;
	}

	/**
	 * A new app whose rule "下载" answers "1" with a tracked link to {@code target};
	 * answers the app and rule ids.
	 */
	String[] appWithDownloadRule(String target) {
		return appAnsweringOneWith(new ReplyItem("link", null, "下载 APP", "安卓和 iPhone", target, null, null, null, null,
				true, Map.of("source", "kefu", "medium", "wechat")));
	}

	/**
	 * A new app whose rule "下载" answers "1" with {@code reply}; answers the app and rule
	 * ids.
	 */
	String[] appAnsweringOneWith(ReplyItem reply) {
		return appAnsweringOneWith((appId) -> reply);
	}

	/**
	 * A new app whose rule "下载" answers "1" with the reply made for the app's id; answers
	 * the app and rule ids.
	 */
	String[] appAnsweringOneWith(Function<String, ReplyItem> reply) {
		String appId = KefuInstances.registerApp(this.kefu, this.wechat);
		RuleDocument rule = this.kefu.getBean(RuleBook.class)
			.create(appId,
					new RuleDocument(null, "下载", Trigger.KEYWORD, 0, true, ReplyMode.ALL,
							List.of(new KeywordItem("1", MatchMode.EXACT)), List.of(reply.apply(appId)), null, null,
							null, null, null, null, null, null),
					"test");
		return new String[] { appId, rule.id() };
	}

	/** A user of {@code appId} writes {@code text}, as a push the inbox accepted. */
	void says(String appId, String openId, String text) {
		new TransactionTemplate(this.kefu.getBean(PlatformTransactionManager.class))
			.executeWithoutResult((status) -> this.kefu.publishEvent(new MessageReceived(UUID.randomUUID().toString(),
					appId, openId, "text", null, text, null, Instant.now(), false)));
	}

	/** The URL of the link card the user got, once it arrived. */
	String linkSentTo(String openId) {
		await().until(() -> this.wechat.sentTo(openId).stream().anyMatch((sent) -> "link".equals(sent.msgType())));
		return this.wechat.sentTo(openId)
			.stream()
			.filter((sent) -> "link".equals(sent.msgType()))
			.findFirst()
			.orElseThrow()
			.object()
			.path("url")
			.asString();
	}

	/** The short URL's code. */
	static String code(String shortUrl) {
		return shortUrl.substring(shortUrl.lastIndexOf('/') + 1);
	}

	/**
	 * {@code GET /l/{code}} of this instance, as a browser with this User-Agent would,
	 * without following a redirect.
	 */
	HttpResponse<String> tap(String code, String userAgent) {
		return request("GET", "/l/" + code, "User-Agent", userAgent, "Accept-Language", "zh-CN,zh;q=0.9");
	}

	/** A request to this instance, without following a redirect. */
	HttpResponse<String> request(String method, String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header("Accept", "text/html");
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	String base() {
		return "http://127.0.0.1:" + this.kefu.getEnvironment().getRequiredProperty("local.server.port");
	}

}
