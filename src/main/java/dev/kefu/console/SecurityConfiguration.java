package dev.kefu.console;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may reach what:
 * <ul>
 * <li>{@code /api/**}: HTTP Basic with a console user, stateless, no CSRF token; a 401 or
 * 403 problem detail otherwise (the Basic challenge only to non-browsers,
 * {@link ProblemResponses}). Requests a browser sends from another site are refused
 * ({@link CrossSiteRequests}). Changing apps needs ADMIN; changing anything else needs
 * ADMIN or EDITOR; AGENT may only read.</li>
 * <li>{@code /wechat/**} (signed by WeChat), {@code /emulator/api/**} (the emulated
 * WeChat API, which checks access tokens like WeChat), {@code /l/**} (the short URLs of
 * tracked links, which users tap) and {@code /actuator/health}: open, no CSRF token.</li>
 * <li>the rest of {@code /emulator/**} (when the emulator is on at all): like the
 * console; changing its app registry and its fault controls needs ADMIN.</li>
 * <li>everything else, the console and the API documentation included: signed in, by form
 * login (or HTTP Basic for tools), with CSRF protection; {@code /admin/**} (apps, their
 * credentials, users) needs ADMIN; an app's pages need ADMIN or EDITOR, except its
 * dashboard and conversations (read) and its agent desk, which AGENT may use too. A
 * session ends when it is idle for {@code server.servlet.session.timeout}, and when its
 * user's role, enabled flag or password changes ({@link StaleSessions}); signing in again
 * leads back to the page it ended on ({@link ExpiredSessions},
 * {@link SignInSuccess}).</li>
 * </ul>
 * Every sign-in, by form or Basic, goes through {@link ThrottledSignIn}: failures are
 * throttled per address and per account ({@link LoginThrottle}) and all look alike. Every
 * answer carries {@link #CONTENT_SECURITY_POLICY}, {@code Referrer-Policy: same-origin},
 * {@code X-Frame-Options:
 * DENY}, and over HTTPS {@code Strict-Transport-Security}; behind a TLS-terminating proxy
 * {@code server.forward-headers-strategy} makes the request secure, which also marks the
 * session cookie {@code Secure}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class SecurityConfiguration {

	static final String REALM = "kefu";

	/**
	 * No inline script anywhere (the pages' behaviour is in {@code /js}); inline styles
	 * stay allowed, as the templates set sizes and bars with {@code style} attributes and
	 * CSS cannot run script. Images: this server, {@code data:} (Swagger UI's icons) and
	 * any {@code https:} host, because link cards show thumbnails from wherever their URL
	 * points; {@code http:} thumbnails of other hosts are not shown. No framing, no
	 * plugins, forms post only here.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; font-src 'self'; "
			+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	private static final long ONE_YEAR = 365L * 24 * 60 * 60;

	@Bean
	PasswordEncoder passwordEncoder() {
		// bcrypt, stored with its {bcrypt} prefix so the algorithm can change later
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	AuthenticationManager authenticationManager(ConsoleUsers users, PasswordEncoder passwordEncoder,
			LoginThrottle throttle) {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
		passwords.setPasswordEncoder(passwordEncoder);
		return new ProviderManager(new ThrottledSignIn(passwords, throttle));
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationManager authentication) throws Exception {
		ProblemResponses problems = new ProblemResponses(REALM);
		return http.securityMatcher("/api/**")
			.authenticationManager(authentication)
			.addFilterBefore(new CrossSiteRequests(problems), BasicAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/api/**")
				.hasAnyRole(Role.ADMIN.name(), Role.EDITOR.name(), Role.AGENT.name())
				.requestMatchers("/api/apps", "/api/apps/*")
				.hasRole(Role.ADMIN.name())
				.anyRequest()
				.hasAnyRole(Role.ADMIN.name(), Role.EDITOR.name()))
			.httpBasic((basic) -> basic.realmName(REALM).authenticationEntryPoint(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.headers(SecurityConfiguration::browserProtections)
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain openSecurity(HttpSecurity http) throws Exception {
		return http
			.securityMatcher("/wechat/**", "/emulator/api/**", "/l/**", "/actuator/health", "/actuator/health/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.headers(SecurityConfiguration::browserProtections)
			.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain consoleSecurity(HttpSecurity http, AuthenticationManager authentication, ConsoleUsers users)
			throws Exception {
		return http.authenticationManager(authentication)
			.authorizeHttpRequests((requests) -> requests
				// error pages of requests that were already allowed, e.g. a 400 from
				// /wechat
				.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers("/error", "/login", "/webjars/**", "/favicon.ico", "/css/**", "/js/**", "/images/**")
				.permitAll()
				// apps with their credentials, and users: administrators only
				.requestMatchers("/admin/**")
				.hasRole(Role.ADMIN.name())
				// an app's pages: agents use the desk and read the dashboard and the
				// conversations
				.requestMatchers(HttpMethod.GET, "/apps/*", "/apps/*/panels/**", "/apps/*/conversations",
						"/apps/*/conversations/**", "/apps/*/assets/*/image")
				.authenticated()
				.requestMatchers("/apps/*/desk", "/apps/*/desk/**")
				.authenticated()
				.requestMatchers("/apps/*/**")
				.hasAnyRole(Role.ADMIN.name(), Role.EDITOR.name())
				// the emulator: any user may chat; its registry and fault controls are
				// for ADMIN
				.requestMatchers(HttpMethod.GET, "/emulator/apps", "/emulator/faults")
				.authenticated()
				.requestMatchers("/emulator/apps", "/emulator/apps/*", "/emulator/apps/*/push-config",
						"/emulator/faults/**", "/emulator/ui/apps", "/emulator/ui/push-config",
						"/emulator/ui/faults/**")
				.hasRole(Role.ADMIN.name())
				.anyRequest()
				.authenticated())
			.formLogin((form) -> form.loginPage("/login")
				.successHandler(new SignInSuccess())
				.failureHandler(new SignInFailure())
				.permitAll())
			.httpBasic((basic) -> basic.realmName(REALM))
			.addFilterBefore(new StaleSessions(users, new ExpiredSessions("/login?ended")), AuthorizationFilter.class)
			// the session cookie goes with the session, so the next page is not taken for
			// a timeout
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
			.sessionManagement((sessions) -> sessions.invalidSessionStrategy(new ExpiredSessions("/login?expired")))
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new ExpiredSessions("/login"), (request) -> request.getHeader("HX-Request") != null))
			.headers(SecurityConfiguration::browserProtections)
			.build();
	}

	private static void browserProtections(HeadersConfigurer<HttpSecurity> headers) {
		headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
			.frameOptions((frames) -> frames.deny())
			// written only on secure requests (Spring Security checks request.isSecure())
			.httpStrictTransportSecurity((hsts) -> hsts.maxAgeInSeconds(ONE_YEAR).includeSubDomains(true));
	}

	/**
	 * A failed form sign-in: back to the form, with the name typed (never the password).
	 */
	private static final class SignInFailure extends SimpleUrlAuthenticationFailureHandler {

		SignInFailure() {
			super("/login?error");
		}

		@Override
		public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
				AuthenticationException exception) throws IOException, ServletException {
			request.getSession().setAttribute(LoginPage.LAST_USERNAME, request.getParameter("username"));
			super.onAuthenticationFailure(request, response, exception);
		}

	}

}
