from journeydocs.cli import main

main()
