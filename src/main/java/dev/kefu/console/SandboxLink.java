package dev.kefu.console;

import java.util.Optional;

import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Where the sandbox's chat page is, when the emulator serves one in this instance. The
 * console links it; it never depends on the emulator's code, only on its page being
 * mapped.
 */
@Component
class SandboxLink {

	static final String CHAT_PATH = "/emulator";

	private final ApplicationContext context;

	private volatile Optional<String> url;

	// the context, not the mapping itself: the mapping is built from the interceptors
	// that use this
	SandboxLink(ApplicationContext context) {
		this.context = context;
	}

	Optional<String> url() {
		Optional<String> known = this.url;
		if (known == null) {
			RequestMappingHandlerMapping mappings = this.context.getBean("requestMappingHandlerMapping",
					RequestMappingHandlerMapping.class);
			boolean mapped = mappings.getHandlerMethods()
				.keySet()
				.stream()
				.anyMatch((info) -> info.getPatternValues().contains(CHAT_PATH)
						|| info.getPatternValues().contains(CHAT_PATH + "/"));
			known = mapped ? Optional.of(CHAT_PATH) : Optional.empty();
			this.url = known;
		}
		return known;
	}

}
