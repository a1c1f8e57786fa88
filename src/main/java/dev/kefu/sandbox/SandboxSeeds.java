package dev.kefu.sandbox;

import org.springframework.stereotype.Component;

import dev.kefu.apps.App;

/** The example rules and image a new sandbox app starts with. */
@Component
class SandboxSeeds {

	void seed(App app) {
		// filled in once the rules and media modules are available
	}

}
