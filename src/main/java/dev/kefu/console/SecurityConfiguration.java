package dev.kefu.console;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may reach what:
 * <ul>
 * <li>{@code /api/**}: HTTP Basic with a console user, stateless, no CSRF token; a 401 or 403
 * problem detail otherwise. Changing apps needs ADMIN; reading them and the other modules'
 * APIs needs either role.</li>
 * <li>{@code /wechat/**} (signed by WeChat), {@code /emulator/api/**} (the emulated WeChat API,
 * which checks access tokens like WeChat) and {@code /actuator/health}: open, no CSRF token.</li>
 * <li>the rest of {@code /emulator/**} (when the emulator is on at all): like the console;
 * changing its app registry and its fault controls needs ADMIN.</li>
 * <li>everything else, the console and the API documentation included: signed in, by form
 * login (or HTTP Basic for tools), with CSRF protection; {@code /admin/**} (apps, their
 * credentials, users) needs ADMIN. Repeated failed sign-ins lock the account for a while
 * ({@link LoginFailures}); an idle session ends after {@code server.servlet.session.timeout}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class SecurityConfiguration {

	static final String REALM = "kefu";

	@Bean
	PasswordEncoder passwordEncoder() {
		// bcrypt, stored with its {bcrypt} prefix so the algorithm can change later
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
		ProblemResponses problems = new ProblemResponses(REALM);
		return http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.GET, "/api/apps", "/api/apps/*").hasAnyRole(Role.ADMIN.name(), Role.EDITOR.name())
				.requestMatchers("/api/apps", "/api/apps/*").hasRole(Role.ADMIN.name())
				.anyRequest().hasAnyRole(Role.ADMIN.name(), Role.EDITOR.name()))
			.httpBasic((basic) -> basic.realmName(REALM).authenticationEntryPoint(problems))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain openSecurity(HttpSecurity http) throws Exception {
		return http.securityMatcher("/wechat/**", "/emulator/api/**", "/actuator/health", "/actuator/health/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain consoleSecurity(HttpSecurity http, LoginFailures loginFailures) throws Exception {
		return http
			.authorizeHttpRequests((requests) -> requests
				// error pages of requests that were already allowed, e.g. a 400 from /wechat
				.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
				.requestMatchers("/error", "/login", "/webjars/**", "/favicon.ico", "/css/**", "/js/**", "/images/**")
				.permitAll()
				// apps with their credentials, and users: administrators only
				.requestMatchers("/admin/**").hasRole(Role.ADMIN.name())
				// the emulator: any user may chat; its registry and fault controls are for ADMIN
				.requestMatchers(HttpMethod.GET, "/emulator/apps", "/emulator/faults").authenticated()
				.requestMatchers("/emulator/apps", "/emulator/apps/*", "/emulator/apps/*/push-config",
						"/emulator/faults/**", "/emulator/ui/apps", "/emulator/ui/push-config", "/emulator/ui/faults/**")
				.hasRole(Role.ADMIN.name())
				.anyRequest().authenticated())
			.formLogin((form) -> form.loginPage("/login").failureHandler(loginFailures).permitAll())
			.httpBasic((basic) -> basic.realmName(REALM))
			// the session cookie goes with the session, so the next page is not taken for a timeout
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
			.sessionManagement((sessions) -> sessions.invalidSessionStrategy(new ExpiredSessions("/login?expired")))
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new ExpiredSessions("/login"), (request) -> request.getHeader("HX-Request") != null))
			.build();
	}

}
