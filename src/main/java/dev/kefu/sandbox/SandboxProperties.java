package dev.kefu.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of sandbox mode ({@code kefu.sandbox.*}).
 *
 * @param enabled whether a fresh start with no app configured creates the sandbox app
 */
@ConfigurationProperties("kefu.sandbox")
record SandboxProperties(@DefaultValue("true") boolean enabled) {

}
