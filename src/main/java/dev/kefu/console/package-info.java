/**
 * The operator console shell: users, login and security, layout and dashboard. Each module
 * owns its own screens; this module may use any of them, and none may use it.
 */
@org.springframework.modulith.ApplicationModule
package dev.kefu.console;
