package dev.kefu.links;

/** What a click came from, as its User-Agent says. */
public enum Platform {

	/** iPhone, iPad or iPod. */
	IOS,

	/** An Android phone or tablet (HarmonyOS up to 4 too, which says Android). */
	ANDROID,

	/** Windows, macOS, Linux or ChromeOS. */
	DESKTOP,

	/** Anything else, e.g. HarmonyOS NEXT, or no User-Agent at all. */
	OTHER

}
