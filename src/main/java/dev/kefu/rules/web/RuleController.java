package dev.kefu.rules.web;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.RuleImport;
import dev.kefu.rules.RuleVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /api/apps/{appId}/rules}: the app's keyword, default and welcome rules; their
 * import (the legacy CMS map or kefu's own export), export and version history.
 */
@RestController
@RequestMapping("/api/apps/{appId}/rules")
@Tag(name = "Rules", description = "What kefu answers: keyword, default and welcome rules")
class RuleController {

	private final RuleBook book;

	private final RuleImport imports;

	private final JsonMapper json;

	RuleController(RuleBook book, RuleImport imports, JsonMapper json) {
		this.book = book;
		this.imports = imports;
		this.json = json;
	}

	@GetMapping
	@Operation(summary = "The app's rules, oldest first")
	List<RuleDocument> list(@PathVariable String appId) {
		return this.book.list(appId);
	}

	@PostMapping
	@Operation(summary = "Create a rule; 400 naming each invalid field (an EXACT conflict names the other rule)")
	ResponseEntity<RuleDocument> create(@PathVariable String appId, @RequestBody RuleDocument rule, Principal user) {
		RuleDocument created = this.book.create(appId, rule, actor(user));
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(created.id())
			.toUri();
		return ResponseEntity.created(location).body(created);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One rule")
	RuleDocument get(@PathVariable String appId, @PathVariable String id) {
		return this.book.get(appId, id);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a rule's content")
	RuleDocument update(@PathVariable String appId, @PathVariable String id, @RequestBody RuleDocument rule,
			Principal user) {
		return this.book.update(appId, id, rule, actor(user));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a rule (its history stays, so it can be restored)")
	ResponseEntity<Void> delete(@PathVariable String appId, @PathVariable String id, Principal user) {
		this.book.delete(appId, id, actor(user));
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}/versions")
	@Operation(summary = "Every change to the rule, newest first: who, when, before and after")
	List<RuleVersion> versions(@PathVariable String appId, @PathVariable String id) {
		return this.book.versions(appId, id);
	}

	@PostMapping("/{id}/versions/{version}/restore")
	@Operation(summary = "Make the rule what it was after that version (recreating it if deleted)")
	RuleDocument restore(@PathVariable String appId, @PathVariable String id, @PathVariable int version,
			Principal user) {
		return this.book.restore(appId, id, version, actor(user));
	}

	@PostMapping("/import")
	@Operation(summary = "Merge rules in: the legacy CMS map "
			+ "{\"<keyword>\": {\"type\": \"text\"|\"link\"|\"image\", ...}, "
			+ "\"default\": {...}} (by keyword), or an array as exported (by id)")
	RuleImport.Result importRules(@PathVariable String appId, @RequestBody JsonNode body, Principal user) {
		if (body.isArray()) {
			List<RuleDocument> documents = new ArrayList<>();
			for (int i = 0; i < body.size(); i++) {
				documents.add(read(body.get(i), "[" + i + "]"));
			}
			return this.imports.importNative(appId, documents, actor(user));
		}
		if (!body.isObject()) {
			throw new UnreadableBody("", "must be the legacy CMS map (an object) or an exported array of rules");
		}
		Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : body.properties()) {
			String field = "[\"" + entry.getKey() + "\"]";
			if (!entry.getValue().isObject()) {
				throw new UnreadableBody(field, "must be an object with a type");
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> values = this.json.treeToValue(entry.getValue(), Map.class);
			entries.put(entry.getKey(), values);
		}
		return this.imports.importLegacy(appId, entries, actor(user));
	}

	@GetMapping("/export")
	@Operation(summary = "All rules in the native shape; importing this array again changes nothing")
	List<RuleDocument> export(@PathVariable String appId) {
		return this.book.list(appId);
	}

	private RuleDocument read(JsonNode node, String prefix) {
		try {
			return this.json.treeToValue(node, RuleDocument.class);
		}
		catch (JacksonException ex) {
			throw new UnreadableBody(prefix + RuleProblems.path(ex), "has the wrong type or format");
		}
	}

	private static String actor(Principal user) {
		return (user != null) ? user.getName() : "anonymous";
	}

}
