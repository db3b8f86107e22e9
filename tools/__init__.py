"""The operators' commands, each run as ``python -m tools.<name>`` (evaluations are in ``evaluation/``).

* ``ask``          – one question from the terminal, same answer as the bot (``bin/ask``)
* ``check_stores`` – check that the tracker store and lock store of an endpoints file answer (``scripts/run.sh``)
* ``credentials``  – the credentials file for this run, without the platforms whose variables are unset
* ``endpoints``    – the endpoints file for this run: action-server port and SQLite path from the settings
* ``faq``          – the printable front-desk FAQ page ``web/faq.html`` (``make faq``)
* ``retention``    – delete old conversations (``make retention``)
* ``web``          – serve ``web/`` with a Content-Security-Policy

Nothing here imports ``evaluation`` or ``tests``.
"""
