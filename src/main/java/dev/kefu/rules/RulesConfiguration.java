package dev.kefu.rules;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

	@Bean
	ReplyPlanner replyPlanner(FiringLedger ledger, Holds holds, AgentPresence presence) {
		// The shared instance draws from the calling thread's own generator, so it is
		// thread-safe.
		return new ReplyPlanner(ledger, ThreadLocalRandom.current(), holds::silences, presence::availability);
	}

}
