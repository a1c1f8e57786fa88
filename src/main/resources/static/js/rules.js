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

	// ---- trigger: keywords only for keyword rules
	function triggerShown(select) {
		var keywords = form(select).querySelector('[data-keywords]');
		keywords.hidden = select.value !== 'KEYWORD';
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

	document.querySelectorAll('#rule-form').forEach(renumber);

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
