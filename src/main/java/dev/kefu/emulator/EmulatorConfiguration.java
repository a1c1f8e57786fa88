package dev.kefu.emulator;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Wires the emulator: its time and its gate. Only the API side ({@code /emulator/api/**})
 * is open, and authenticates with access tokens like WeChat; everything else under
 * {@code /emulator} needs a console sign-in and a CSRF token, like the console (the
 * console's security configuration says so).
 */
@Configuration(proxyBeanMethods = false)
class EmulatorConfiguration {

	@Bean
	EmulatorTime emulatorTime(ObjectProvider<Clock> clock) {
		return new EmulatorTime(clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	FilterRegistrationBean<EmulatorGate> emulatorGate(EmulatorSwitch emulator) {
		FilterRegistrationBean<EmulatorGate> registration = new FilterRegistrationBean<>(new EmulatorGate(emulator));
		registration.addUrlPatterns("/emulator", "/emulator/*");
		// Before Spring Security, so a switched-off emulator is a plain 404 for everyone.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
		return registration;
	}

}
