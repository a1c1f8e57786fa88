package dev.kefu.rules.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kefu.apps.Apps;
import dev.kefu.rules.RuleBook;
import dev.kefu.rules.RuleDocument;
import dev.kefu.rules.RuleImport;
import dev.kefu.rules.RuleRejectedException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Import and export in the console, {@code /apps/{appId}/rules/transfer}: the legacy CMS map
 * (a JSON object, merged by keyword) or kefu's own export (a JSON array), pasted or uploaded;
 * the export downloads the app's rules as that array.
 */
@Controller
@RequestMapping("/apps/{appId}/rules")
class RuleExchangeScreens {

	private final Apps apps;

	private final RuleBook book;

	private final RuleImport imports;

	private final MessageSource messages;

	private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	RuleExchangeScreens(Apps apps, RuleBook book, RuleImport imports, MessageSource messages) {
		this.apps = apps;
		this.book = book;
		this.imports = imports;
		this.messages = messages;
	}

	@GetMapping("/transfer")
	String page(@PathVariable String appId, Model model) {
		requireApp(appId);
		model.addAttribute("appId", appId);
		return "rules/transfer";
	}

	@PostMapping("/import")
	String importRules(@PathVariable String appId, @RequestParam(required = false) String json,
			@RequestParam(required = false) MultipartFile file, Principal principal, Model model,
			RedirectAttributes redirect) throws IOException {
		requireApp(appId);
		String text = (file != null && !file.isEmpty()) ? new String(file.getBytes(), StandardCharsets.UTF_8) : json;
		model.addAttribute("appId", appId);
		model.addAttribute("json", json);
		try {
			RuleImport.Result result = run(appId, (text != null) ? text : "", principal.getName());
			redirect.addFlashAttribute("notice", "rules.import.done");
			redirect.addFlashAttribute("imported", result.created() + result.updated());
			redirect.addFlashAttribute("importResult", result);
			return "redirect:/apps/" + appId + "/rules/transfer";
		}
		catch (JacksonException ex) {
			model.addAttribute("importError", ImportMistakes.json(ex, this.messages, LocaleContextHolder.getLocale()));
		}
		catch (UnreadableBody ex) {
			model.addAttribute("importError", (ex.field() == null)
					? RuleForms.reason(ex.getMessage(), this.messages, LocaleContextHolder.getLocale())
					: ImportMistakes.fields(List.of(new RuleRejectedException.InvalidField(ex.field(), ex.getMessage(), null)),
							this.messages, LocaleContextHolder.getLocale()));
		}
		catch (RuleRejectedException ex) {
			model.addAttribute("importError",
					ImportMistakes.fields(ex.invalidFields(), this.messages, LocaleContextHolder.getLocale()));
		}
		return "rules/transfer";
	}

	@GetMapping("/export")
	ResponseEntity<byte[]> export(@PathVariable String appId) {
		requireApp(appId);
		byte[] body = this.json.writeValueAsBytes(this.book.list(appId));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("kefu-rules-" + appId + ".json").build().toString())
			.body(body);
	}

	private RuleImport.Result run(String appId, String text, String actor) {
		JsonNode root = this.json.readTree(text);
		if (root.isArray()) {
			List<RuleDocument> documents = new ArrayList<>();
			root.forEach((node) -> documents.add(this.json.treeToValue(node, RuleDocument.class)));
			return this.imports.importNative(appId, documents, actor);
		}
		if (!root.isObject()) {
			throw new UnreadableBody(null, "must be the legacy CMS map (an object) or an exported array of rules");
		}
		Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : root.properties()) {
			if (!entry.getValue().isObject()) {
				throw new UnreadableBody("[\"" + entry.getKey() + "\"]", "must be an object with a type");
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> values = this.json.treeToValue(entry.getValue(), Map.class);
			entries.put(entry.getKey(), values);
		}
		return this.imports.importLegacy(appId, entries, actor);
	}

	private void requireApp(String appId) {
		if (this.apps.find(appId).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

}
