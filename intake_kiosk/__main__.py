from intake_kiosk import console_main

console_main()
