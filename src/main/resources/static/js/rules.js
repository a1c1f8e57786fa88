/* The rule editor: keyword chips and the reply list (add, remove, reorder, type switch).
   Every change renumbers the indexed field names and asks htmx for a fresh preview. */
(function () {
	'use strict';
	var on = window.kefu.on;
	var MAX_REPLIES = 5;

	function form(el) { return el.closest('form'); }

	function changed(f) {
		if (window.htmx) {
			window.htmx.trigger(f, 'kefu:changed');
		}
	}

	function renumber(f) {
		f.querySelectorAll('[data-chip]').forEach(function (chip, i) {
			chip.querySelector('[data-kw-text]').name = 'keywords[' + i + '].text';
			chip.querySelector('[data-kw-match]').name = 'keywords[' + i + '].match';
		});
		var cards = f.querySelectorAll('[data-replies] [data-reply-card]');
		cards.forEach(function (card, i) {
			card.querySelector('[data-reply-num]').textContent = i + 1;
			card.querySelectorAll('[data-field]').forEach(function (field) {
				field.name = 'replies[' + i + '].' + field.getAttribute('data-field');
			});
			// the marker that tells the server a checkbox was shown, so an unticked one reads as off
			card.querySelectorAll('[data-field-marker]').forEach(function (marker) {
				marker.name = '_replies[' + i + '].' + marker.getAttribute('data-field-marker');
			});
			card.querySelector('[data-reply-up]').disabled = i === 0;
			card.querySelector('[data-reply-down]').disabled = i === cards.length - 1;
		});
		var add = f.querySelector('[data-reply-add]');
		if (add) {
			add.disabled = cards.length >= MAX_REPLIES;
		}
	}

	// ---- keyword chips
	function addChip(input) {
		var f = form(input);
		var text = input.value.trim();
		if (!text) {
			return;
		}
		var exists = Array.prototype.some.call(f.querySelectorAll('[data-kw-text]'), function (h) { return h.value === text; });
		if (!exists) {
			var chip = f.querySelector('[data-chip-template]').content.firstElementChild.cloneNode(true);
			chip.querySelector('.chip-text').textContent = text;
			chip.querySelector('[data-kw-text]').value = text;
			input.parentNode.insertBefore(chip, input);
		}
		input.value = '';
		renumber(f);
		changed(f);
	}

	on('keydown', '[data-chip-input]', function (e, input) {
		if (e.key === 'Enter' || e.key === ',' || e.key === '，') {
			e.preventDefault();
			addChip(input);
		}
		else if (e.key === 'Backspace' && input.value === '') {
			var chips = input.parentNode.querySelectorAll('[data-chip]');
			if (chips.length) {
				var f = form(input);
				chips[chips.length - 1].remove();
				renumber(f);
				changed(f);
			}
		}
	});
	// typing in the chip input is not a change of the rule yet: keep htmx from sending it
	on('input', '[data-chip-input]', function (e) { e.stopPropagation(); });
	document.addEventListener('focusout', function (e) {
		if (e.target.matches && e.target.matches('[data-chip-input]')) {
			addChip(e.target);
		}
	});
	on('click', '[data-chip-remove]', function (e, button) {
		var f = form(button);
		button.closest('[data-chip]').remove();
		renumber(f);
		changed(f);
	});
	function matchShown(select) {
		var chip = select.closest('[data-chip]');
		chip.classList.remove('exact', 'contains', 'regex', 'bad');
		chip.classList.add(select.value.toLowerCase());
	}
	on('change', '[data-kw-match]', function (e, select) { matchShown(select); });
	on('click', '[data-chips]', function (e, box) {
		if (e.target === box) {
			box.querySelector('[data-chip-input]').focus();
		}
	});

	// ---- trigger: what a trigger does not take is hidden (and not sent): keywords but for keyword
	// rules, [data-for-trigger] parts (cooldown, SessionFrom) and reply types (transfer, agent)
	function triggerShown(select) {
		var f = form(select);
		f.querySelector('[data-keywords]').hidden = select.value !== 'KEYWORD';
		f.querySelectorAll('[data-for-trigger]').forEach(function (el) {
			var applies = el.getAttribute('data-for-trigger').split(' ').indexOf(select.value) >= 0;
			if (el.tagName === 'OPTION') {
				// a reply already of that type stays as it is, for the editor to say why it cannot be
				el.hidden = !applies && !el.selected;
				return;
			}
			el.hidden = !applies;
			el.querySelectorAll('input, select, textarea').forEach(function (input) { input.disabled = !applies; });
		});
	}
	on('change', '[data-trigger]', function (e, select) { triggerShown(select); });

	// ---- replies
	function typeShown(select) {
		var card = select.closest('[data-reply-card]');
		card.querySelectorAll('[data-for]').forEach(function (part) {
			part.hidden = part.getAttribute('data-for').split(' ').indexOf(select.value) < 0;
		});
	}
	on('change', '[data-reply-type]', function (e, select) { typeShown(select); });
	on('click', '[data-reply-add]', function (e, button) {
		var f = form(button);
		var list = f.querySelector('[data-replies]');
		if (list.querySelectorAll('[data-reply-card]').length >= MAX_REPLIES) {
			return;
		}
		var card = f.querySelector('[data-reply-template]').content.firstElementChild.cloneNode(true);
		list.appendChild(card);
		f.querySelectorAll('[data-trigger]').forEach(triggerShown);
		card.querySelectorAll('[data-counted]').forEach(counted);
		renumber(f);
		changed(f);
		var first = card.querySelector('textarea');
		if (first) {
			first.focus();
		}
	});
	on('click', '[data-reply-remove]', function (e, button) {
		var f = form(button);
		button.closest('[data-reply-card]').remove();
		renumber(f);
		changed(f);
	});
	on('click', '[data-reply-up], [data-reply-down]', function (e, button) {
		var f = form(button);
		var card = button.closest('[data-reply-card]');
		if (button.hasAttribute('data-reply-up') && card.previousElementSibling) {
			card.parentNode.insertBefore(card, card.previousElementSibling);
		}
		else if (button.hasAttribute('data-reply-down') && card.nextElementSibling) {
			card.parentNode.insertBefore(card.nextElementSibling, card);
		}
		renumber(f);
		changed(f);
	});

	// ---- a text's length: characters as people count them, and a warning in words near WeChat's
	// limit, which is in UTF-8 bytes (a Chinese character takes three)
	function counted(area) {
		var f = form(area);
		var box = area.parentNode.querySelector('[data-counter]');
		var max = +f.getAttribute('data-max-text-bytes');
		if (!box || !max) {
			return;
		}
		var chars = Array.from(area.value).length;
		var bytes = new TextEncoder().encode(area.value).length;
		var say = window.kefu.say;
		box.textContent = bytes > max ? say(f, 'over', chars, Math.ceil((bytes - max) / 3))
			: bytes > 0.85 * max ? say(f, 'near', chars, Math.floor((max - bytes) / 3), max - bytes)
				: say(f, 'count', chars);
		box.classList.toggle('warn', bytes > 0.85 * max && bytes <= max);
		box.classList.toggle('over', bytes > max);
	}
	on('input', '[data-counted]', function (e, area) { counted(area); });

	document.querySelectorAll('#rule-form').forEach(function (f) {
		renumber(f);
		f.querySelectorAll('[data-trigger]').forEach(triggerShown);
		f.querySelectorAll('[data-counted]').forEach(counted);
	});

	// ---- a draft put back (console.js): as many chips and reply cards as it had, then shown right
	window.kefu.draftHooks = (window.kefu.draftHooks || []).concat([{
		before: function (f, fields) {
			if (f.id !== 'rule-form') {
				return;
			}
			var keywords = {};
			var replies = {};
			fields.forEach(function (field) {
				var k = /^keywords\[(\d+)\]\.text$/.exec(field[0]);
				var r = /^replies\[(\d+)\]\./.exec(field[0]);
				if (k && field[1]) {
					keywords[k[1]] = field[1];
				}
				if (r) {
					replies[r[1]] = true;
				}
			});
			var byNumber = function (a, b) { return a - b; };
			var input = f.querySelector('[data-chip-input]');
			f.querySelectorAll('[data-chips] [data-chip]').forEach(function (chip) { chip.remove(); });
			Object.keys(keywords).sort(byNumber).forEach(function (i) {
				var chip = f.querySelector('[data-chip-template]').content.firstElementChild.cloneNode(true);
				chip.querySelector('.chip-text').textContent = keywords[i];
				input.parentNode.insertBefore(chip, input);
			});
			var list = f.querySelector('[data-replies]');
			list.querySelectorAll('[data-reply-card]').forEach(function (card) { card.remove(); });
			Object.keys(replies).sort(byNumber).forEach(function () {
				list.appendChild(f.querySelector('[data-reply-template]').content.firstElementChild.cloneNode(true));
			});
			renumber(f);
		},
		after: function (f) {
			if (f.id !== 'rule-form') {
				return;
			}
			f.querySelectorAll('[data-kw-match]').forEach(matchShown);
			f.querySelectorAll('[data-reply-type]').forEach(typeShown);
			f.querySelectorAll('[data-trigger]').forEach(triggerShown);
			f.querySelectorAll('[data-counted]').forEach(counted);
			renumber(f);
			changed(f);
		}
	}]);
	// Enter in the chip input must not submit the form
	on('submit', '#rule-form', function (e, f) {
		var input = f.querySelector('[data-chip-input]');
		if (input && input.value.trim()) {
			addChip(input);
		}
	});
})();

/* The image picker: thumbnails of the app's images for a reply's image (or cover) select,
   fetched each time the picker opens and when the tab comes back to the front, so images
   uploaded since (in another tab too) are there; uploads from within go through the assets
   page's drop zone (checked, with progress and refusals), and an image uploaded here is chosen. */
(function () {
	'use strict';
	var on = window.kefu.on;
	var dialog = document.querySelector('[data-asset-dialog]');
	if (!dialog) {
		return;
	}
	var target = null;
	var known = {};

	function imageUrl(id) {
		return dialog.getAttribute('data-images-url') + encodeURIComponent(id) + '/image';
	}

	function load() {
		return fetch(dialog.getAttribute('data-assets-url'), { headers: { Accept: 'application/json' } })
			.then(function (answer) {
				if (!answer.ok) {
					throw new Error('HTTP ' + answer.status);
				}
				return answer.json();
			})
			.then(function (assets) {
				show(assets);
				options(assets);
				return assets;
			});
	}

	function show(assets) {
		var box = dialog.querySelector('[data-asset-choices]');
		var chosen = target ? target.querySelector('[data-asset-select]').value : '';
		box.textContent = '';
		assets.forEach(function (asset) {
			var choice = document.createElement('button');
			choice.type = 'button';
			choice.className = 'asset-choice' + (asset.id === chosen ? ' chosen' : '');
			choice.title = asset.fileName;
			choice.setAttribute('data-asset-choice', asset.id);
			choice.setAttribute('data-test', 'asset-choice');
			var img = document.createElement('img');
			img.alt = '';
			img.loading = 'lazy';
			img.src = imageUrl(asset.id);
			var name = document.createElement('span');
			name.textContent = asset.fileName;
			choice.appendChild(img);
			choice.appendChild(name);
			box.appendChild(choice);
		});
		dialog.querySelector('[data-asset-none]').hidden = assets.length > 0;
	}

	/** Every image select (and the new reply's template) gets the images it lacks. */
	function options(assets) {
		var selects = Array.prototype.slice.call(document.querySelectorAll('[data-asset-select]'));
		document.querySelectorAll('[data-reply-template]').forEach(function (template) {
			selects = selects.concat(Array.prototype.slice.call(template.content.querySelectorAll('[data-asset-select]')));
		});
		selects.forEach(function (select) {
			var have = {};
			Array.prototype.forEach.call(select.options, function (o) { have[o.value] = true; });
			assets.forEach(function (asset) {
				if (!have[asset.id]) {
					var option = document.createElement('option');
					option.value = asset.id;
					option.textContent = asset.fileName;
					select.appendChild(option);
				}
			});
		});
		known = {};
		assets.forEach(function (asset) { known[asset.id] = true; });
	}

	function choose(field, id) {
		var select = field.querySelector('[data-asset-select]');
		select.value = id;
		select.dispatchEvent(new Event('change', { bubbles: true }));
	}

	function thumb(field) {
		var select = field.querySelector('[data-asset-select]');
		var img = field.querySelector('[data-asset-thumb]');
		img.hidden = !select.value;
		if (select.value) {
			img.src = imageUrl(select.value);
		}
		else {
			img.removeAttribute('src');
		}
	}

	on('change', '[data-asset-select]', function (e, select) { thumb(select.closest('[data-asset-field]')); });
	on('click', '[data-pick-asset]', function (e, button) {
		target = button.closest('[data-asset-field]');
		dialog.showModal();
		load().catch(function () { /* the choices already shown stay */ });
	});
	on('click', '[data-asset-choice]', function (e, choice) {
		if (target) {
			choose(target, choice.getAttribute('data-asset-choice'));
		}
		dialog.close();
	});
	on('click', '[data-asset-close]', function () { dialog.close(); });
	dialog.addEventListener('close', function () { target = null; });

	// the drop zone answers with the assets page's grid: not shown here, the choices are fetched
	document.addEventListener('htmx:beforeSwap', function (e) {
		if (dialog.contains(e.detail.elt)) {
			e.detail.shouldSwap = false;
		}
	});
	document.addEventListener('htmx:afterRequest', function (e) {
		if (!dialog.contains(e.target) || !e.detail.successful) {
			return;
		}
		var before = known;
		var field = target;
		load().then(function (assets) {
			var uploaded = assets.filter(function (asset) { return !before[asset.id]; });
			if (uploaded.length && field && field === target) {
				choose(field, uploaded[0].id);
				show(assets);
			}
		}).catch(function () { /* shown again when the picker next opens */ });
	});
	window.addEventListener('focus', function () { load().catch(function () { /* e.g. signed out */ }); });
})();
