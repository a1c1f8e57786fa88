package dev.kefu.inbox;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts {@link CallbackEndpoint} first in the servlet filter chain, for {@code /wechat/*}.
 */
@Configuration(proxyBeanMethods = false)
class CallbackFilterRegistration {

	@Bean
	FilterRegistrationBean<CallbackEndpoint> callbackEndpoint(PushReceiver receiver, PushJournal journal,
			ReplayCache replays, ObjectProvider<TransferOrder> transferOrder, MeterRegistry meters) {
		FilterRegistrationBean<CallbackEndpoint> registration = new FilterRegistrationBean<>(
				new CallbackEndpoint(receiver, journal, replays, transferOrder, meters));
		registration.addUrlPatterns(CallbackEndpoint.PREFIX + "*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setName("wechatCallback");
		return registration;
	}

}
