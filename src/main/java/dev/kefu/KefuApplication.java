package dev.kefu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class KefuApplication {

	public static void main(String[] args) {
		SpringApplication.run(KefuApplication.class, args);
	}

}
