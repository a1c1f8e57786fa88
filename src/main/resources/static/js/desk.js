/* kefu agent desk: live updates from the server's event stream, reloading the list and the open
   conversation through htmx; the tab title counts new messages until a conversation is opened. */
(function () {
	'use strict';
	var desk = document.querySelector('[data-desk]');
	if (!desk || !window.EventSource) {
		return;
	}
	var title = document.title;
	var unseen = 0;
	var filter = desk.getAttribute('data-filter') || 'waiting';
	var user = desk.getAttribute('data-user') || '';
	var pendingTimer = null;

	function reloadList() {
		var url = desk.getAttribute('data-list') + '?filter=' + encodeURIComponent(filter)
			+ (user ? '&user=' + encodeURIComponent(user) : '');
		window.htmx.ajax('GET', url, {target: '#desk-list', swap: 'innerHTML'});
	}

	function reloadLive() {
		var live = document.getElementById('desk-live');
		if (live) {
			window.htmx.ajax('GET', live.getAttribute('data-live'), {target: '#desk-live', swap: 'outerHTML'});
		}
	}

	function open(openId) {
		user = openId;
		unseen = 0;
		document.title = title;
		var url = desk.getAttribute('data-conversation') + encodeURIComponent(openId);
		window.htmx.ajax('GET', url, {target: '#desk-chat', swap: 'innerHTML'});
		history.replaceState(null, '', '?filter=' + encodeURIComponent(filter) + '&user=' + encodeURIComponent(openId));
		reloadList();
	}

	var events = new EventSource(desk.getAttribute('data-events'));
	events.addEventListener('message', function (e) {
		if (e.data !== user || document.hidden) {
			unseen += 1;
			document.title = '(' + unseen + ') ' + (document.documentElement.lang.indexOf('zh') === 0 ? '新消息 · ' : 'New message · ') + title;
		}
		reloadList();
		if (e.data === user) {
			reloadLive();
		}
	});
	events.addEventListener('change', function (e) {
		reloadList();
		if (!e.data || e.data === user) {
			reloadLive();
		}
	});

	desk.addEventListener('click', function (e) {
		var link = e.target.closest('[data-open-user]');
		if (link) {
			e.preventDefault();
			open(link.getAttribute('data-open-user'));
		}
	});

	// the fields of the chosen reply type only
	desk.addEventListener('change', function (e) {
		if (e.target.matches('[data-desk-type]')) {
			var kind = e.target.value;
			desk.querySelectorAll('[data-desk-kind]').forEach(function (el) {
				el.hidden = el.getAttribute('data-desk-kind') !== kind;
			});
		}
	});

	// while a reply by hand is on its way, its status is redrawn every second
	document.body.addEventListener('htmx:afterSettle', function () {
		var live = document.getElementById('desk-live');
		if (pendingTimer === null && live && live.getAttribute('data-pending') === 'true') {
			pendingTimer = setTimeout(function () {
				pendingTimer = null;
				reloadLive();
			}, 1000);
		}
	});

	window.addEventListener('focus', function () {
		if (unseen > 0 && user) {
			unseen = 0;
			document.title = title;
		}
	});
}());
