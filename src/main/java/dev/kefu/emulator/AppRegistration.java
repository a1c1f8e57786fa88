package dev.kefu.emulator;

import java.net.URI;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.kefu.wechat.push.PushFormat;

/**
 * An app as registered with the emulator: what WeChat's admin console holds for a mini
 * program (AppID, AppSecret) and its message push configuration (URL, Token,
 * EncodingAESKey, encryption mode, data format). The URL may be left out: the emulator
 * pushes to this server's own {@code /wechat/{appId}} and nowhere else
 * ({@link PushTargets}).
 */
record AppRegistration(@NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String appId, @Size(max = 64) String name,
		@NotBlank @Size(max = 128) String secret, @NotBlank @Pattern(regexp = "[A-Za-z0-9]{3,32}") String token,
		@NotBlank @Pattern(regexp = "[A-Za-z0-9]{43}") String encodingAesKey, @Size(max = 2048) String callbackUrl,
		PushMode mode, PushFormat format) {

	/**
	 * The app pushing to {@code target}; without a mode or format, WeChat's defaults:
	 * plaintext and XML.
	 */
	EmulatedApp toApp(URI target) {
		return new EmulatedApp(this.appId, (this.name == null || this.name.isBlank()) ? this.appId : this.name,
				this.secret, this.token, this.encodingAesKey, target,
				(this.mode != null) ? this.mode : PushMode.PLAINTEXT,
				(this.format != null) ? this.format : PushFormat.XML);
	}

	@Override
	public String toString() {
		return "AppRegistration[" + this.appId + "]";
	}

}
