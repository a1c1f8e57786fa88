package dev.kefu.console;

import java.time.Duration;
import java.util.Locale;

import org.thymeleaf.ITemplateEngine;

import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console's web setup: Chinese by default, English on request ({@code ?lang=en},
 * remembered in a cookie), the shell's model on every page the console renders, and
 * uploads over the limit refused in words before anything else reads them
 * ({@link UploadLimits}).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfiguration implements WebMvcConfigurer {

	private final ConsoleShell shell;

	ConsoleWebConfiguration(ConsoleShell shell) {
		this.shell = shell;
	}

	/**
	 * Operators mostly read Chinese: that is the default whatever the browser asks for.
	 */
	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("kefu-lang");
		resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		return resolver;
	}

	/**
	 * After the character encoding is set (so a form's text arrives as UTF-8) and before
	 * Spring Security (order -100), whose CSRF check would otherwise be the first to read
	 * an upload.
	 */
	@Bean
	FilterRegistrationBean<UploadLimits> uploadLimits(MultipartProperties multipart, MessageSource messages,
			LocaleResolver localeResolver, ITemplateEngine templates) {
		FilterRegistrationBean<UploadLimits> registration = new FilterRegistrationBean<>(
				new UploadLimits(multipart.getMaxFileSize(), messages, localeResolver, templates));
		registration.setOrder(-101);
		return registration;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
		lang.setParamName("lang");
		lang.setIgnoreInvalidLocale(true);
		registry.addInterceptor(lang).excludePathPatterns("/api/**", "/wechat/**");
		registry.addInterceptor(this.shell).excludePathPatterns("/api/**", "/wechat/**", "/actuator/**");
	}

}
