from gainsly.cli import main

raise SystemExit(main())
