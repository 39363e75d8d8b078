"""The diff stage: two compiled policies -> plain-language changes (`semantic`),
with sides read from git revisions (`gitrev`)."""
