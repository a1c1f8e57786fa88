package dev.kefu.wechat.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One customer-service message as customerServiceMessage.send takes it. Each kind carries
 * exactly the fields of its {@code msgtype} object.
 *
 * @see <a href=
 * "https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/kf-mgnt/kf-message/sendCustomMessage.html">sendCustomMessage</a>
 */
public sealed interface CustomerServiceMessage {

	/** The {@code msgtype} on the wire. */
	String msgType();

	/** The object sent under the {@code msgtype} key, with WeChat's field names. */
	Map<String, String> wireObject();

	/** A text message; may contain a mini program text link. */
	record Text(String content) implements CustomerServiceMessage {

		public Text {
			Objects.requireNonNull(content, "content");
		}

		@Override
		public String msgType() {
			return "text";
		}

		@Override
		public Map<String, String> wireObject() {
			return Map.of("content", this.content);
		}

	}

	/** An image uploaded with uploadTempMedia. */
	record Image(String mediaId) implements CustomerServiceMessage {

		public Image {
			Objects.requireNonNull(mediaId, "mediaId");
		}

		@Override
		public String msgType() {
			return "image";
		}

		@Override
		public Map<String, String> wireObject() {
			return Map.of("media_id", this.mediaId);
		}

	}

	/** A link card; {@code thumbUrl} is a JPG/PNG URL. */
	record Link(String title, String description, String url, String thumbUrl) implements CustomerServiceMessage {

		public Link {
			Objects.requireNonNull(title, "title");
			Objects.requireNonNull(url, "url");
		}

		@Override
		public String msgType() {
			return "link";
		}

		@Override
		public Map<String, String> wireObject() {
			Map<String, String> object = new LinkedHashMap<>();
			object.put("title", this.title);
			object.put("description", (this.description != null) ? this.description : "");
			object.put("url", this.url);
			object.put("thumb_url", (this.thumbUrl != null) ? this.thumbUrl : "");
			return object;
		}

	}

	/** A mini program card; {@code thumbMediaId} comes from uploadTempMedia. */
	record MiniProgramPage(String title, String pagePath, String thumbMediaId) implements CustomerServiceMessage {

		public MiniProgramPage {
			Objects.requireNonNull(title, "title");
			Objects.requireNonNull(pagePath, "pagePath");
			Objects.requireNonNull(thumbMediaId, "thumbMediaId");
		}

		@Override
		public String msgType() {
			return "miniprogrampage";
		}

		@Override
		public Map<String, String> wireObject() {
			Map<String, String> object = new LinkedHashMap<>();
			object.put("title", this.title);
			object.put("pagepath", this.pagePath);
			object.put("thumb_media_id", this.thumbMediaId);
			return object;
		}

	}

}
