"""Text that tries to be HTML: trainee names and lines that reports must show as text."""

HOSTILE_NAME = "<script>window.__pwned=1</script><b>Eve</b> O'Hara & Co"
HOSTILE_LINE = "<script>window.__pwned=2</script><b>Pay now</b> or we will call the police."
HOSTILE_COHORT = "<i>Night shift</i>"
HOSTILE_DRILL = "Angry callers <u>now</u>"
POLITE_SCRIPT = ("Agent: Hello, this is Sam from Acme Recovery, a debt collector.\n"
                 "Agent: I understand this month has been hard. Could you pay $400 by Friday?\n")
