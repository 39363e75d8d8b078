# Den byggda webbplatsen: CI publicerar den, den committas aldrig.
/site/
.venv/
__pycache__/
# Hålls av `socialkit build` medan den skriver (se docs/guide/commands.md, Safety).
/.socialkit.lock
