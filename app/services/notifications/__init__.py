"""Reminders that reach people who do not open the application.

The parts, each in its own file:

- ``kinds``: what can be reminded of (decisions, documents, milestones, KPIs, approvals).
- ``config``: the notification settings, declared once (key, default, check).
- ``recipients``: the people register as the notifier reads it; which person an agreement's
  owner is (:func:`recipients.person_for_owner`, the one place that decides).
- ``occasions``: what is due today, each item at its escalation step (30 → 7 → 1 days,
  then overdue): one *occasion*, told once.
- ``digest``: per person (and for a team lead, their team) the occasions not yet told on a
  channel.
- ``texts`` and ``render``: a digest as plain text, HTML and chat markdown, in English or
  Chinese.
- ``mail`` (SMTP) and ``webhooks`` (WeCom, DingTalk, Feishu, generic JSON): delivery.
- ``log``: what was delivered (the ``notification_log`` table), written after the server
  accepted it.
- ``run``: one ``partnerdesk notify`` run, deliveries one by one.
- ``calendar``: decision dates, end dates and milestones as an iCalendar file.

This ``__init__`` imports nothing, so a command that needs one part loads only that part.
"""
