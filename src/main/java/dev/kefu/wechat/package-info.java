/**
 * WeChat's wire formats and HTTP API, and nothing else: no business decisions live here.
 * <ul>
 * <li>{@code push}: pure Java (no Spring) signatures, the AES envelope and the XML/JSON
 * codec of message pushes;</li>
 * <li>{@code api}: access tokens and the customer-service API client.</li>
 * </ul>
 * Depends on no other module but {@code cluster}, for the token refresh lease shared by
 * the instances.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "cluster" })
package dev.kefu.wechat;
