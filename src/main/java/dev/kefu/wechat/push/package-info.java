/**
 * WeChat message pushes on the wire: the GET/POST signatures, the AES-256-CBC envelope
 * (both directions), the XML/JSON codec for every customer-service message type, and the
 * three message encryption modes ({@link dev.kefu.wechat.push.PushMode}). Plain Java with
 * no Spring dependency, so it can be used by the emulator, tests and benchmarks alike.
 */
@org.springframework.modulith.NamedInterface("push")
package dev.kefu.wechat.push;
