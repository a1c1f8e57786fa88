package dev.kefu.emulator;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Wires the emulator: its time and its gate. {@code /emulator/**} is open and CSRF-exempt (the
 * console's security configuration says so): the API side authenticates with access tokens like
 * WeChat, and the pushing side is a development tool, off unless the sandbox is in use.
 */
@Configuration(proxyBeanMethods = false)
class EmulatorConfiguration {

	@Bean
	EmulatorTime emulatorTime(ObjectProvider<Clock> clock) {
		return new EmulatorTime(clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	FilterRegistrationBean<EmulatorGate> emulatorGate(Environment environment) {
		FilterRegistrationBean<EmulatorGate> registration = new FilterRegistrationBean<>(new EmulatorGate(environment));
		registration.addUrlPatterns("/emulator", "/emulator/*");
		// Before Spring Security, so a switched-off emulator is a plain 404 for everyone.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
		return registration;
	}

}
